// Text with inline code in it, for the renderers to mark up each in their own
// syntax: a Markdown code span, an HTML <code>.
export type Rich = (string | { code: string })[];
