// forbid-package:<name>: a forbidden distribution in a global site-packages,
// Debian's dist-packages, the user's site or a venv on PATH. Each one found
// says whether it stands alone (a leftover tool: remove it) or is needed by
// another installed distribution (remove that first, or allow it with a reason).

import { normalizeName } from '../config/pep503.js';
import { type Distribution, distributions, requiredBy } from '../contract/distributions.js';
import { isSkipped, memberId } from '../model/checks.js';
import type { SiteDir } from '../model/facts/contract.js';
import type { Finding } from '../model/report.js';
import { listWords } from '../model/text.js';
import { type DraftCheck, type DraftItem, draftGate } from './draft.js';
import type { GateFamily } from './gate.js';

const FORBID_PACKAGE: GateFamily = {
  family: 'forbid-package',
  list: 'forbid-packages',
  normalize: normalizeName,
  remedy: (names) =>
    `Uninstall ${names} from the global Python, in the layer named with each. If another global package needs one, accept it with \`allow-packages: NAME=REASON\`.`,
  explain: (config) =>
    config.forbidPackages.map((p) => {
      const allowed = config.allowPackages[p];
      return { name: p, rule: allowed ? `allowed: ${allowed}` : `no ${p} in any global site-packages` };
    }),
};

function label(dist: Distribution): string {
  return dist.version ? `${dist.name} ${dist.version}` : dist.name;
}

function needText(needers: Distribution[], forbidden: ReadonlySet<string>): string {
  if (needers.length === 0) return 'stands alone: nothing installed needs it';
  const names = needers.map((n) => (forbidden.has(n.key) ? `${label(n)} (itself forbidden)` : label(n)));
  return `required by ${listWords(names)}`;
}

function siteList(sites: readonly SiteDir[]): string {
  if (sites.length === 0) return 'none found';
  const shown = sites.slice(0, 4).map((s) => s.path);
  return sites.length > shown.length
    ? `${shown.join(', ')} and ${sites.length - shown.length} more`
    : shown.join(', ');
}

export function forbidPackageCheck(
  name: string,
  all: readonly Distribution[],
  sites: readonly SiteDir[],
  forbidden: ReadonlySet<string>,
  allow: Readonly<Record<string, string>>,
): DraftCheck {
  const key = normalizeName(name);
  const id = memberId(FORBID_PACKAGE, key);
  const found = all.filter((d) => d.key === key);
  if (found.length === 0) {
    return {
      id,
      status: 'pass',
      summary: `${key} is not installed in any site-packages found (global, the user's, venvs on PATH): ${siteList(sites)}`,
    };
  }
  const reason = allow[key];
  const items: DraftItem[] = found.map((dist) => {
    const needers = requiredBy(dist, all);
    const finding: Finding = { path: dist.path };
    if (dist.version) finding.version = dist.version;
    if (needers.length > 0) finding.requiredBy = needers.map((n) => n.name);
    if (reason !== undefined) finding.allowedReason = reason;
    return { finding, text: `${label(dist)} at ${dist.path}, ${needText(needers, forbidden)}` };
  });
  if (reason !== undefined) {
    return { id, status: 'pass', summary: `${key} is installed and allowed (${reason})`, items };
  }
  return { id, status: 'fail', summary: `${key} must not be installed but is`, items };
}

export const PACKAGE_GATES = draftGate({
  family: 'packages',
  checks: [],
  families: [FORBID_PACKAGE],
  draft(config, { contract }) {
    const { user, root } = contract.views;
    // Both views may print the same venv on PATH: one entry per folder.
    const sites = [...new Map([...root.sites, ...user.sites].map((site) => [site.path, site])).values()];
    const installed = distributions([...root.metadata, ...user.metadata]);
    const forbidden = new Set(config.forbidPackages);
    return [...forbidden]
      .filter((name) => !isSkipped(memberId(FORBID_PACKAGE, name), config.skipChecks))
      .map((name) => forbidPackageCheck(name, installed, sites, forbidden, config.allowPackages));
  },
});
