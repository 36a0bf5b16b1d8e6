// The commands of the phases that are not make targets: the scaffold (the
// origin repository, then copier), the clone, and the commit and push that end
// every worker's work. Each is what an agent would type; the scenario runs them.
import { type LayoutPlan, projectDir, SCAFFOLD_CACHE_DIR } from './layout-plan.js';
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

/**
 * The bare origin repository, the template as a git repository when it came
 * as plain files (copier's --vcs-ref needs git), then copier. Inside the
 * scaffold phase: a worker without git fails here, visibly.
 */
export function scaffoldCommand(
  options: ScaffoldOptions,
  template: TemplateUpload,
  plan: LayoutPlan,
): string[] {
  const prep = [
    'set -e',
    // The scaffolder's own cache (scaffold-cache own): the workers' cache stays empty for the cold setup.
    ...(options.scaffoldCache === 'own' ? [`export UV_CACHE_DIR=${SCAFFOLD_CACHE_DIR}`] : []),
    `git init -q --bare ${plan.originRepo}`,
    `git -C ${plan.originRepo} symbolic-ref HEAD refs/heads/main`,
  ];
  if (template.needsGitInit) {
    prep.push(
      `cd ${template.copierSource}`,
      'git init -q',
      'git add -A',
      'git commit -q -m "Template as uploaded"',
      'cd - >/dev/null',
    );
  }
  const copier = copierCommand({
    copierVersion: options.copierVersion,
    templateRef: template.vcsRef,
    data: options.data,
    trust: options.trustTemplate,
    source: template.copierSource,
    destination: projectDir('a'),
  });
  // The project is a git repository from the start, as the one an agent clones: setup can point git at its hooks.
  const init = `git init -q ${projectDir('a')}`;
  return ['sh', '-c', `${prep.join('\n')}\n"$@"\n${init}`, 'scaffold', ...copier];
}

/** Worker A's first commit of the scaffolded project, pushed to the origin as main. */
export function firstPushCommand(originRepo: string): string[] {
  const push = [
    'set -e',
    'git init -q',
    'git add -A',
    'git commit -q -m "Scaffold the project from its template"',
    'git remote add origin "$1"',
    'git push -q origin HEAD:refs/heads/main',
  ].join('\n');
  return ['sh', '-c', push, 'push', originRepo];
}

/** A warm worker's commit and push; always a commit, so the project's pre-commit hook runs in every worker. */
export function workPushCommand(dir: string): string[] {
  const push = [
    'set -e',
    'git add -A',
    `git commit -q --allow-empty -m "Work of worker ${dir}"`,
    'git push -q origin HEAD:refs/heads/main',
  ].join('\n');
  return ['sh', '-c', push];
}

export function cloneCommand(originRepo: string, project: string): string[] {
  return ['git', 'clone', '-q', originRepo, project];
}
