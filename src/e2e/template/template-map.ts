// Where a generated file came from in a local template: copier copies the
// files under `_subdirectory`, rendering those that end in `_templates_suffix`
// (`.jinja` by default) and dropping the suffix. So the project's `Makefile` is
// the template's `template/Makefile.jinja` (or `template/Makefile`, copied as
// is). A file whose folder name is itself templated (`{{ name }}/x`) is not
// mapped. The call's line is found by its text: rendering moves lines.
import type { ProjectCall } from '../../model/report.js';
import { truncate } from '../../model/text.js';
import { readYamlRecord } from '../evidence/python-fit.js';
import { MAX_TEXT } from '../evidence/removed-tool-calls.js';

export interface CopierLayout {
  /** `_subdirectory`, without slashes at its ends; '' for the template's own folder. */
  subdirectory: string;
  /** `_templates_suffix`; '' renders every file. */
  suffix: string;
}

/** The template's files a project's Makefile, hooks and scripts may come from. */
export interface TemplateScripts {
  layout: CopierLayout;
  /** Template-relative path → text. */
  texts: ReadonlyMap<string, string>;
}

export function copierLayout(copierYml: string | undefined): CopierLayout {
  const settings = readYamlRecord(copierYml ?? '');
  const sub = settings._subdirectory;
  const suffix = settings._templates_suffix;
  return {
    subdirectory: typeof sub === 'string' ? sub.replace(/^\/+|\/+$/g, '') : '',
    suffix: typeof suffix === 'string' ? suffix : '.jinja',
  };
}

/** The project-relative path a template file becomes, or undefined when it is not copied. */
export function projectPathOf(templateFile: string, layout: CopierLayout): string | undefined {
  const prefix = layout.subdirectory ? `${layout.subdirectory}/` : '';
  if (!templateFile.startsWith(prefix)) return undefined;
  const inside = templateFile.slice(prefix.length);
  return layout.suffix && inside.endsWith(layout.suffix) ? inside.slice(0, -layout.suffix.length) : inside;
}

/** The template's file a project file came from (a rendered one first). */
export function templateFileOf(
  projectFile: string,
  layout: CopierLayout,
  has: (templateFile: string) => boolean,
): string | undefined {
  const base = layout.subdirectory ? `${layout.subdirectory}/${projectFile}` : projectFile;
  const candidates = layout.suffix ? [`${base}${layout.suffix}`, base] : [base];
  return candidates.find(has);
}

/**
 * The call's line in the template's file: the line of the same text nearest to
 * the project's line (a copied file has it on the same line; rendering moves
 * lines), or undefined when the text is not there as written.
 */
export function templateLineOf(
  call: Pick<ProjectCall, 'line' | 'text'>,
  templateText: string,
): number | undefined {
  let best: number | undefined;
  templateText.split('\n').forEach((line, i) => {
    if (truncate(line.trim(), MAX_TEXT) !== call.text) return;
    if (best === undefined || Math.abs(i + 1 - call.line) < Math.abs(best - call.line)) best = i + 1;
  });
  return best;
}

/** Each call with its template file and line, where the template holds them. */
export function mapToTemplate(calls: readonly ProjectCall[], template: TemplateScripts): ProjectCall[] {
  return calls.map((call) => {
    const templateFile = templateFileOf(call.file, template.layout, (f) => template.texts.has(f));
    if (!templateFile) return call;
    const line = templateLineOf(call, template.texts.get(templateFile) ?? '');
    return line === undefined ? { ...call, templateFile } : { ...call, templateFile, templateLine: line };
  });
}
