/** Copier takes git URLs in these forms; anything else is a local folder. */
export function isTemplateUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[\w.-]+@[\w.-]+:/.test(value) || /^(gh|gl):/.test(value);
}
