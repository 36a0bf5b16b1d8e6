// The commands of the phases that are not make targets: the scaffold (the
// origin repository, then copier), the clone, and the commit and push that end
// every worker's work. Each is what an agent would type; the scenario runs them.
// The programs are scripts/*.sh, with every value passed as an argument.
import { type LayoutPlan, projectDir, SCAFFOLD_CACHE_DIR } from './layout-plan.js';
import PUSH_SCAFFOLD_SH from './scripts/push-scaffold.sh';
import PUSH_WORK_SH from './scripts/push-work.sh';
import SCAFFOLD_SH from './scripts/scaffold.sh';
import { copierCommand } from './template-source.js';
import type { TemplateUpload } from './template-upload.js';

export interface ScaffoldOptions {
  copierVersion: string;
  data: Readonly<Record<string, string>>;
  trustTemplate: boolean;
  scaffoldCache: 'own' | 'shared';
}

/** The scaffold phase in words, for the log and messages. */
export function copierLabel(options: ScaffoldOptions, template: TemplateUpload): string {
  return `uvx copier@${options.copierVersion} copy --vcs-ref ${template.vcsRef} ${template.label}`;
}

/** scripts/scaffold.sh: the origin, the template as a repository when needed, copier, the project's repository. */
export function scaffoldCommand(
  options: ScaffoldOptions,
  template: TemplateUpload,
  plan: LayoutPlan,
): string[] {
  const copier = copierCommand({
    copierVersion: options.copierVersion,
    templateRef: template.vcsRef,
    data: options.data,
    trust: options.trustTemplate,
    source: template.copierSource,
    destination: projectDir('a'),
  });
  return [
    'sh',
    '-c',
    SCAFFOLD_SH,
    'scaffold',
    plan.originRepo,
    projectDir('a'),
    template.needsGitInit ? template.copierSource : '',
    // The scaffolder's own cache (scaffold-cache own): the workers' cache stays empty for the cold setup.
    options.scaffoldCache === 'own' ? SCAFFOLD_CACHE_DIR : '',
    ...copier,
  ];
}

/** Worker A's first commit of the scaffolded project, pushed to the origin as main (scripts/push-scaffold.sh). */
export function firstPushCommand(originRepo: string): string[] {
  return ['sh', '-c', PUSH_SCAFFOLD_SH, 'push', originRepo];
}

/** The subject of a developer worker's commit (hook-blame.sh looks for it). */
export function workSubject(dir: string): string {
  return `Work of worker ${dir}`;
}

/** A developer worker's commit and push, hooks on (scripts/push-work.sh). */
export function workPushCommand(dir: string): string[] {
  return ['sh', '-c', PUSH_WORK_SH, 'push', workSubject(dir)];
}

export function cloneCommand(originRepo: string, project: string): string[] {
  return ['git', 'clone', '-q', originRepo, project];
}
