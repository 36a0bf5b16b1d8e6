// Installed Python distributions, from the metadata files the probe printed:
// `*.dist-info/METADATA`, `*.egg-info/PKG-INFO` (plus its requires.txt) and
// bare `.egg-info` files. Names are compared PEP 503-normalised; nothing is
// imported, so a broken or hostile package cannot change the answer.
import { normalizeName } from '../config/pep503.js';
import type { MetadataFile, SiteDir } from '../model/facts/contract.js';

export interface Distribution {
  /** The name as the metadata spells it. */
  name: string;
  /** PEP 503 normalised. */
  key: string;
  version?: string;
  /** The .dist-info / .egg-info / .egg folder (or the bare .egg-info file). */
  path: string;
  site: SiteDir;
  /** Which interpreter sees it: a venv's root, or `global` for the system's and the user's. */
  environment: string;
  /** Normalised names it needs when installed without extras. */
  requires: string[];
}

export interface Headers {
  name?: string;
  version?: string;
  requiresDist: string[];
}

/** The RFC 822-style header block of METADATA / PKG-INFO (continuation lines folded). */
export function parseHeaders(lines: readonly string[]): Headers {
  const out: Headers = { requiresDist: [] };
  let last: { key: string; value: string } | undefined;
  const flush = (): void => {
    if (!last) return;
    const key = last.key.toLowerCase();
    const value = last.value.trim();
    if (key === 'name' && out.name === undefined) out.name = value;
    else if (key === 'version' && out.version === undefined) out.version = value;
    else if (key === 'requires-dist') out.requiresDist.push(value);
    last = undefined;
  };
  for (const line of lines) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      if (last) last.value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon > 0) last = { key: line.slice(0, colon), value: line.slice(colon + 1) };
  }
  flush();
  return out;
}

const REQUIREMENT_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

/**
 * A PEP 508 requirement's normalised name, or undefined when it only applies
 * with an extra (`pytest; extra == "test"`): an extra is not installed unless
 * asked for, so it does not make the package a dependency. Other markers
 * (python_version, sys_platform) are kept: they usually hold.
 */
export function requirementName(requirement: string): string | undefined {
  const semicolon = requirement.indexOf(';');
  const marker = semicolon < 0 ? '' : requirement.slice(semicolon + 1);
  if (/\bextra\s*==/.test(marker)) return undefined;
  const name = REQUIREMENT_NAME.exec(requirement)?.[1];
  return name ? normalizeName(name) : undefined;
}

/**
 * requires.txt of an egg-info: unconditional lines first, then `[extra]`,
 * `[extra:marker]` or `[:marker]` sections. Only the top and marker-only
 * sections are needed without extras.
 */
export function parseRequiresTxt(lines: readonly string[]): string[] {
  const out: string[] = [];
  let needed = true;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const section = /^\[(.*)\]$/.exec(line);
    if (section) {
      needed = (section[1] ?? '').startsWith(':');
      continue;
    }
    if (!needed) continue;
    const name = requirementName(line);
    if (name) out.push(name);
  }
  return out;
}

/** The folder (or bare file) that holds a distribution, from its metadata file. */
export function distributionPath(file: string): string {
  if (file.endsWith('/EGG-INFO/PKG-INFO')) return file.slice(0, -'/EGG-INFO/PKG-INFO'.length);
  if (/\.(dist|egg)-info\/(METADATA|PKG-INFO)$/.test(file)) return file.slice(0, file.lastIndexOf('/'));
  return file;
}

/** The name from the folder (`PyYAML-6.0.2.dist-info` → `PyYAML`), for metadata with no Name. */
function nameFromPath(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.(dist-info|egg-info|egg)$/, '').split('-')[0] ?? base;
}

export function toDistribution(meta: MetadataFile): Distribution {
  const headers = parseHeaders(meta.headers);
  const path = distributionPath(meta.file);
  const name = headers.name || nameFromPath(path);
  const fromHeaders = headers.requiresDist.map(requirementName).filter((n): n is string => n !== undefined);
  const requires = [...new Set([...fromHeaders, ...parseRequiresTxt(meta.requiresTxt ?? [])])];
  const dist: Distribution = {
    name,
    key: normalizeName(name),
    path,
    site: meta.site,
    environment: meta.site.kind === 'venv' ? (meta.site.venv ?? meta.site.path) : 'global',
    requires,
  };
  if (headers.version) dist.version = headers.version;
  return dist;
}

/** Every distribution once (a site folder reached twice is printed once, but two views may both print it). */
export function distributions(metadata: readonly MetadataFile[]): Distribution[] {
  const byPath = new Map<string, Distribution>();
  for (const meta of metadata) {
    const dist = toDistribution(meta);
    if (!byPath.has(dist.path)) byPath.set(dist.path, dist);
  }
  return [...byPath.values()];
}

/** The distributions in the same environment that need `dist` (without extras). */
export function requiredBy(dist: Distribution, all: readonly Distribution[]): Distribution[] {
  return all.filter(
    (other) => other !== dist && other.environment === dist.environment && other.requires.includes(dist.key),
  );
}
