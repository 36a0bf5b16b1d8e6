// The commands of the phases that are not make targets: the scaffold (the
// origin repository, then copier), the scaffolder's first push (hooks off),
// the clone, and a developer's commit and push (hooks on). Each is what the
// platform or an agent would type; the scenario runs them. The programs are
// scripts/*.sh, with every value passed as an argument.

import { copierCommand } from '../template/template-source.js';
import type { TemplateUpload } from '../template/template-upload.js';
import PUSH_SCAFFOLD_SH from './scripts/push-scaffold.sh';
import PUSH_WORK_SH from './scripts/push-work.sh';
import SCAFFOLD_SH from './scripts/scaffold.sh';

export interface ScaffoldOptions {
  copierVersion: string;
  data: Readonly<Record<string, string>>;
  trustTemplate: boolean;
}

/** The scaffold phase in words, for the log and messages. */
export function copierLabel(options: ScaffoldOptions, template: TemplateUpload, program?: string): string {
  const copier = program ?? `uvx copier@${options.copierVersion}`;
  return `${copier} copy --vcs-ref ${template.vcsRef} ${template.label}`;
}

/**
 * scripts/scaffold.sh: the origin, the template as a repository when needed, copier
 * (`program`: the image's own, else uvx), the project's repository.
 */
export function scaffoldCommand(
  options: ScaffoldOptions,
  template: TemplateUpload,
  paths: { origin: string; project: string },
  program?: string,
): string[] {
  const copier = copierCommand({
    copierVersion: options.copierVersion,
    ...(program ? { program } : {}),
    templateRef: template.vcsRef,
    data: options.data,
    trust: options.trustTemplate,
    source: template.copierSource,
    destination: paths.project,
  });
  return [
    'sh',
    '-c',
    SCAFFOLD_SH,
    'scaffold',
    paths.origin,
    paths.project,
    template.needsGitInit ? template.copierSource : '',
    ...copier,
  ];
}

/** The scaffolder's first commit, pushed to the origin as main with hooks off (scripts/push-scaffold.sh). */
export function firstPushCommand(originRepo: string): string[] {
  return ['sh', '-c', PUSH_SCAFFOLD_SH, 'push', originRepo];
}

/** The subject of a developer worker's commit (hook-blame.sh looks for it). */
export function workSubject(dir: string): string {
  return `Work of worker ${dir}`;
}

/** Where a developer pushes its work: a branch of its own (`HEAD:refs/heads/work/separate/b1`). */
export function workRefspec(dir: string): string {
  return `HEAD:refs/heads/work/${dir}`;
}

/** A developer worker's change, commit and push, hooks on (scripts/push-work.sh). */
export function workPushCommand(dir: string): string[] {
  return ['sh', '-c', PUSH_WORK_SH, 'push', workSubject(dir), workRefspec(dir)];
}

export function cloneCommand(originRepo: string, project: string): string[] {
  return ['git', 'clone', '-q', originRepo, project];
}
