// Runs the evidence script (scripts/evidence.py) in a worker, outside any timed
// span, and reads its records. A failure to gather evidence is not a failure of
// the image: the run then proves nothing, and the report says so.
import {
  fields,
  parseRecords,
  reachedEnd,
  type ScriptRecord,
  wholeNumber,
} from '../../model/script-records.js';
import type { Worker } from '../worker/worker.js';
import { EVIDENCE_PATH } from '../worker/worker-tools.js';
import type { CacheListing } from './cache-state.js';
import type { ConfigFileText, LinkSample } from './link-mode.js';

export interface ProjectEvidence {
  installs: number;
  samples: LinkSample[];
  venvs: string[];
  config: ConfigFileText[];
}

export interface TemplateAskFiles {
  pyprojects: { file: string; text: string }[];
  answers: { file: string; text: string }[];
}

export interface Evidence {
  cache?: CacheListing;
  project?: ProjectEvidence;
  ask?: TemplateAskFiles;
}

export interface EvidenceRequest {
  /**
   * Write back dirty pages first: the files an earlier worker wrote (a copied venv is
   * 150 MB) would otherwise be flushed during the next measured setup and slow it.
   */
  sync?: boolean;
  /** The cache to list; `withBytes` also sizes it (a walk of every file: around the cold setup only). */
  cache?: { dir: string; withBytes: boolean };
  /** The project whose venvs and uv configuration to read. */
  project?: string;
  /** The project whose Python requirements to read. */
  ask?: string;
}

export type EvidenceOutcome = { ok: true; value: Evidence } | { ok: false; why: string };

export function evidenceArgs(req: EvidenceRequest): string[] {
  const args: string[] = req.sync ? ['sync'] : [];
  if (req.cache) args.push(req.cache.withBytes ? 'cache+bytes' : 'cache', req.cache.dir);
  if (req.project) args.push('project', req.project);
  if (req.ask) args.push('ask', req.ask);
  return args;
}

interface ProjectParts {
  installs: number | undefined;
  samples: LinkSample[];
  venvs: string[];
  config: ConfigFileText[];
}

/** The records as the evidence they tell, each part present when its opening record is. */
export function evidenceOf(records: readonly ScriptRecord[]): {
  cache?: CacheListing;
  project?: ProjectParts;
  ask?: TemplateAskFiles;
} {
  let cache: CacheListing | undefined;
  let project: ProjectParts | undefined;
  let ask: TemplateAskFiles | undefined;
  for (const { kind, text, lines = [] } of records) {
    if (kind === 'cache') cache = { entries: [] };
    else if (kind === 'entry') cache?.entries.push(text);
    else if (kind === 'bytes' && cache && wholeNumber(text) !== undefined) cache.bytes = Number(text);
    else if (kind === 'owner' && cache && wholeNumber(text) !== undefined) cache.ownerUid = Number(text);
    else if (kind === 'project') {
      project = { installs: wholeNumber(text), samples: [], venvs: [], config: [] };
    } else if (kind === 'sample') {
      const [nlink, symlink, dist, path] = fields(text, 4) ?? [];
      if (dist && path) project?.samples.push({ dist, path, nlink: Number(nlink), symlink: symlink === '1' });
    } else if (kind === 'venv') project?.venvs.push(text);
    else if (kind === 'config') {
      const [configKind, file] = fields(text, 2) ?? [];
      if (configKind && file)
        project?.config.push({ kind: configKind as ConfigFileText['kind'], file, text: lines.join('\n') });
    } else if (kind === 'ask') ask = { pyprojects: [], answers: [] };
    else if (kind === 'pyproject') ask?.pyprojects.push({ file: text, text: lines.join('\n') });
    else if (kind === 'answers') ask?.answers.push({ file: text, text: lines.join('\n') });
  }
  return { ...(cache ? { cache } : {}), ...(project ? { project } : {}), ...(ask ? { ask } : {}) };
}

/** The evidence read from the records, checked for the parts that were asked for; throws on anything else. */
export function parseEvidence(value: unknown, req: EvidenceRequest): Evidence {
  const v = (value ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const out: Evidence = {};
  if (req.cache) {
    const cache = v.cache;
    if (!cache || !Array.isArray(cache.entries)) throw new Error('no cache listing');
    out.cache = { entries: cache.entries.map(String) };
    if (typeof cache.bytes === 'number') out.cache.bytes = cache.bytes;
    if (typeof cache.ownerUid === 'number') out.cache.ownerUid = cache.ownerUid;
  }
  if (req.project) {
    const p = v.project;
    if (!p || typeof p.installs !== 'number' || !Array.isArray(p.samples) || !Array.isArray(p.config)) {
      throw new Error('no project evidence');
    }
    out.project = p as unknown as ProjectEvidence;
  }
  if (req.ask) {
    const a = v.ask;
    if (!a || !Array.isArray(a.pyprojects) || !Array.isArray(a.answers)) throw new Error('no project files');
    out.ask = a as unknown as TemplateAskFiles;
  }
  return out;
}

/**
 * One exec, one Python start, for everything asked: the root-owned script, by the interpreter's
 * absolute path as found before any project code ran, isolated (-I: no PYTHONPATH, user site
 * or script folder; -S: no site, so no sitecustomize) — nothing of the project's changes it.
 */
export async function gatherEvidence(worker: Worker, req: EvidenceRequest): Promise<EvidenceOutcome> {
  const args = evidenceArgs(req);
  if (!worker.python) return { ok: false, why: NO_PYTHON };
  const result = await worker.exec([worker.python, '-I', '-S', EVIDENCE_PATH, ...args], {
    timeoutSeconds: 120,
  });
  if (result.exitCode !== 0) {
    const tail = result.output.trim().split('\n').slice(-3).join(' | ');
    return {
      ok: false,
      why: `evidence.py ${args.join(' ')} exited ${result.exitCode ?? 'without a code'}: ${tail}`,
    };
  }
  return readEvidence(result.output, req);
}

const NO_PYTHON = 'the worker has no python3 on PATH that it cannot change itself';

/** The evidence in the records a run of evidence.py wrote, or why there is none. */
export function readEvidence(output: string, req: EvidenceRequest): EvidenceOutcome {
  const args = evidenceArgs(req);
  try {
    const records = parseRecords(output);
    const failed = records.find((r) => r.kind === 'failed');
    if (failed) throw new Error(failed.text);
    if (!reachedEnd(records)) throw new Error('stopped before its end');
    return { ok: true, value: parseEvidence(evidenceOf(records), req) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, why: `evidence.py ${args.join(' ')}: ${why}: ${output.slice(0, 200)}` };
  }
}

/**
 * The evidence before a phase, in the phase's own exec (PhaseRequest.before): the same script and
 * interpreter, which then runs the phase's command in its place; undefined (no evidence) without
 * a python3 the worker cannot change.
 */
export function evidenceBefore(worker: Worker, req: EvidenceRequest): string[] | undefined {
  return worker.python ? [worker.python, '-I', '-S', EVIDENCE_PATH, ...evidenceArgs(req), 'then'] : undefined;
}

/** What the phase's exec said of the evidence before it (`output`: undefined when it said nothing). */
export function evidenceFromPhase(
  worker: Worker,
  output: string | undefined,
  req: EvidenceRequest,
): EvidenceOutcome {
  if (!worker.python) return { ok: false, why: NO_PYTHON };
  if (output === undefined) return { ok: false, why: 'the phase said nothing of the evidence before it' };
  return readEvidence(output, req);
}
