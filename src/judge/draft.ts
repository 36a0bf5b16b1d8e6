// The contract's gates judge in two steps, because finding which layer added
// a path means exporting the image, and that is paid only for what failed:
//
//   1. draft: each contract gate's pure verdict from the probes (DraftCheck);
//      each gate declares what it needs measured: what to probe (probeNeeds)
//      and whether the layer archives must be read (layerContentsNeeded: a
//      size gate that failed, a waste gate that is set);
//   2. the pipeline (measureContract) has the contract stage probe what the
//      gates need, read the layer archives when one asks, then export the
//      image once for the failed drafts' paths (contractDrafts, pathsToAttribute);
//   3. finish: when the judge runs, each gate drafts again from the same
//      measurements and finishDrafts adds the layers found and the annotation.
//
// Drafting is pure, so every time gives the same drafts; the stage names no gate.

import type { Config } from '../config/index.js';
import { describeLayer } from '../contract/describe.js';
import type { ContractMeasurements, ProbeNeeds } from '../model/facts/contract.js';
import type { Measurements } from '../model/measurements.js';
import type { CheckStatus, Finding } from '../model/report.js';
import type { Judged } from '../model/report-building.js';
import type { Gate, GateCheck, GateFamily } from './gate.js';

/** One thing a check found, with the words that say it; the layer is added when the check fails. */
export interface DraftItem {
  finding: Finding;
  /** Empty when the summary already says it all. */
  text: string;
}

/** A check before layer attribution. */
export interface DraftCheck {
  id: string;
  status: CheckStatus;
  summary: string;
  items?: DraftItem[];
  /** Paths to attribute to layers when the check fails (besides the items' paths). */
  attributePaths?: string[];
  /** A Dockerfile line known without attribution (a USER or FROM line). */
  line?: number;
}

/** What a contract gate drafts from: the measurements with the contract's present. */
export type ContractMeasured = Measurements & { contract: ContractMeasurements };

export interface DraftGate extends Gate {
  draft(config: Config, measured: ContractMeasured): DraftCheck[];
  /** What its checks that are on need probed. */
  probes?(config: Config): Partial<ProbeNeeds>;
  /** Its checks need the layer archives read (what is wasted, what grew), before the drafts are finished. */
  needsLayerContents?(config: Config, measured: ContractMeasured): boolean;
}

/** A contract gate: its drafts, finished with the layers the contract stage attributed. */
export function draftGate(spec: {
  family: string;
  checks: readonly GateCheck[];
  families?: readonly GateFamily[];
  draft: DraftGate['draft'];
  probes?: DraftGate['probes'];
  needsLayerContents?: DraftGate['needsLayerContents'];
}): DraftGate {
  return {
    ...spec,
    judge(config, measured) {
      if (!measured.contract) return {};
      const m = measured as ContractMeasured;
      return { checks: finishDrafts(spec.draft(config, m), m.contract) };
    },
  };
}

function isDraftGate(gate: Gate): gate is DraftGate {
  return typeof (gate as Partial<DraftGate>).draft === 'function';
}

/** Every contract gate's drafts, in report order: what the contract stage reads layers for. */
export function contractDrafts(
  config: Config,
  measured: ContractMeasured,
  gates: readonly Gate[],
): DraftCheck[] {
  return gates.filter(isDraftGate).flatMap((gate) => gate.draft(config, measured));
}

/** What the probes must look at for every contract gate that is on. */
export function probeNeeds(config: Config, gates: readonly Gate[]): ProbeNeeds {
  const needs: ProbeNeeds = { require: [], forbidCommands: [], cacheVolume: false };
  for (const gate of gates.filter(isDraftGate)) {
    const more = gate.probes?.(config) ?? {};
    needs.require = [...needs.require, ...(more.require ?? [])];
    needs.forbidCommands = [...needs.forbidCommands, ...(more.forbidCommands ?? [])];
    needs.cacheVolume ||= more.cacheVolume === true;
  }
  return needs;
}

/** Whether a contract gate needs the layer archives read, on the probes' measurements. */
export function layerContentsNeeded(
  config: Config,
  measured: ContractMeasured,
  gates: readonly Gate[],
): boolean {
  return gates.filter(isDraftGate).some((gate) => gate.needsLayerContents?.(config, measured) === true);
}

/** The absolute paths whose layer the failed drafts name. */
export function pathsToAttribute(drafts: readonly DraftCheck[]): string[] {
  const wanted = new Set<string>();
  for (const draft of drafts) {
    if (draft.status !== 'fail') continue;
    for (const item of draft.items ?? [])
      if (item.finding.path.startsWith('/')) wanted.add(item.finding.path);
    for (const p of draft.attributePaths ?? []) wanted.add(p);
  }
  return [...wanted];
}

/** The final words and annotations: a failed draft names the layer that added each of its paths. */
function finishDrafts(drafts: readonly DraftCheck[], contract: ContractMeasurements): Judged[] {
  const { attribution, layers } = contract;
  const file = contract.dockerfile?.path;
  const layerOf = (p: string): Finding['layer'] | undefined => {
    const historyIndex = attribution.indexOf.get(p);
    if (historyIndex === undefined) return undefined;
    // Our layers come from the engine's history of the same image: one per entry.
    const index = historyIndex + (layers.length - attribution.historyLength);
    const layer = layers[index];
    if (!layer) return undefined;
    return layer.dockerfileLine
      ? { index, createdBy: layer.createdBy, dockerfileLine: layer.dockerfileLine }
      : { index, createdBy: layer.createdBy };
  };
  const addedBy = (layer: Finding['layer']): string =>
    layer ? `, added by layer ${layer.index} ${describeLayer(layer, file)}` : '';

  return drafts.map((draft): Judged => {
    const fails = draft.status === 'fail';
    let line = draft.line;
    const texts: string[] = [];
    const found: Finding[] = [];
    for (const item of draft.items ?? []) {
      const finding = { ...item.finding };
      const layer = fails ? layerOf(finding.path) : undefined;
      if (layer) finding.layer = layer;
      line ??= layer?.dockerfileLine;
      found.push(finding);
      if (item.text) texts.push(`${item.text}${addedBy(layer)}`);
    }
    let detail = texts.length > 0 ? `${draft.summary}: ${texts.join('; ')}` : draft.summary;
    if (fails) {
      for (const p of draft.attributePaths ?? []) {
        const layer = layerOf(p);
        detail += addedBy(layer);
        line ??= layer?.dockerfileLine;
      }
    }
    const check: Judged['check'] = { id: draft.id, status: draft.status, detail };
    if (found.length > 0) check.found = found;
    const out: Judged = { check };
    if (file) out.annotate = line ? { file, line } : { file };
    return out;
  });
}
