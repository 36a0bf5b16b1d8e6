// `worker-gate explain` (and the action's `explain: true`): what `verify` would
// do with these options, from the same resolve and validate path as a real
// run, so every problem validation finds is listed here too. Pure: it never
// contacts the engine and writes no report.

import { type Config, fieldValue, type Origin, type ResolveInput, resolveConfig } from '../config/index.js';
import {
  isRepeatable,
  type OptionName,
  type OptionSpec,
  optionsFor,
  type RawValues,
  SECTIONS,
  type Section,
  specNamed,
} from '../config/options.js';
import { inputLabel, type Source } from '../config/validate.js';
import { CHECKS, type GateRule, gateRules } from '../judge/registry.js';
import { InputError } from '../model/errors.js';
import { limitAsWritten, type SizeOrPercent, sizeAsWritten } from '../model/units.js';

export interface ExplainedOption {
  name: OptionName;
  section: Section;
  /** As a person would type it (or what an unset option leaves to the run); undefined when unset. */
  value?: string;
  /** `--memory`, `memory input`, `.worker-gate.yml: memory`, `SSL_CERT_FILE`, `default`, or `unset`. */
  source: string;
  /** A list that adds to its default (the forbid lists): its items, grouped by where they came from. */
  parts?: { value: string; source: string }[];
}

export interface Explanation {
  /** Every problem found, one line each; empty when the options are valid. */
  problems: string[];
  options: ExplainedOption[];
  stages: string[];
  /** The gates a run would judge, each with what passes (the judge's registry). */
  gates: GateRule[];
}

/** The action's `explain: true` (a value that is not a boolean is left for validation to report). */
export function wantsExplain(raw: RawValues): boolean {
  const parsed = specNamed('explain').schema.safeParse(raw.explain);
  return parsed.success && parsed.data === true;
}

/** Resolve as `verify` would, and say what it would do; problems instead of a throw. */
export function explain(input: Omit<ResolveInput, 'command' | 'checks'>): Explanation {
  let config: Config;
  try {
    config = resolveConfig({ ...input, command: 'verify', checks: CHECKS });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { problems: [error.message, ...error.details], options: [], stages: [], gates: [] };
  }
  return {
    problems: [],
    options: explainOptions(config, input.frontDoor),
    stages: stagesOf(config),
    gates: gateRules(config),
  };
}

/** A validated value as the user would write it. */
function valueText(spec: OptionSpec, value: unknown): string {
  if (spec.secret) return '***';
  if (spec.kind === 'size' && typeof value === 'number') return sizeAsWritten(value);
  if (spec.kind === 'percent' && typeof value === 'number') return `${value}%`;
  if (spec.kind === 'size-or-percent') return limitAsWritten(value as SizeOrPercent);
  if (spec.kind === 'keyvalue-list')
    return Object.entries(value as Record<string, string>)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
  if (isRepeatable(spec))
    return (value as unknown[]).map((item) => spec.itemText?.(item) ?? String(item)).join(', ');
  return String(value);
}

/** What the run uses for an option left unset when it supplies the value itself (the table's defaultText). */
function computedValue(spec: OptionSpec, config: Config): string | undefined {
  const value = fieldValue(config, spec);
  return typeof value === 'string' ? value : undefined;
}

function sourceText(spec: OptionSpec, config: Config): string {
  return originText(spec, config.sources[spec.name as OptionName], config);
}

function originText(spec: OptionSpec, origin: Origin | undefined, config: Config): string {
  switch (origin) {
    case 'cli':
    case 'action':
      return inputLabel(spec, { door: origin });
    case 'file':
      return inputLabel(spec, { door: 'file', label: config.configFile ?? '.worker-gate.yml' });
    case 'env':
      return spec.name === 'ca-bundle' ? 'SSL_CERT_FILE' : 'GITHUB_TOKEN';
    case 'default':
      return 'default';
    default:
      return computedValue(spec, config) === undefined ? 'unset' : 'default';
  }
}

function explainOptions(config: Config, door: Source['door']): ExplainedOption[] {
  const order = (s: OptionSpec) => SECTIONS.findIndex((section) => section.name === s.section);
  return optionsFor('verify')
    .filter((spec) => (door === 'cli' ? !spec.actionOnly : true))
    .sort((a, b) => order(a) - order(b))
    .map((spec) => {
      const set = config.values[spec.name];
      const value =
        set !== undefined
          ? valueText(spec, set)
          : spec.secret && config.githubToken
            ? '***'
            : computedValue(spec, config);
      const out: ExplainedOption = {
        name: spec.name,
        section: spec.section,
        source: sourceText(spec, config),
      };
      if (value !== undefined && value !== '') out.value = value;
      else if (spec.defaultText) out.value = `(unset: ${spec.defaultText})`;
      const parts = itemParts(spec, config);
      if (parts) out.parts = parts;
      // An empty forbid list is the switch's doing, so say where the switch was set.
      if (parts?.length === 0 && spec.defaultsKeptBy)
        out.source = sourceText(specNamed(spec.defaultsKeptBy as OptionName), config);
      return out;
    });
}

/** A list's items in runs of one origin: `ruff, mypy` from the default, `boto3` from `--forbid-package`. */
function itemParts(spec: OptionSpec, config: Config): ExplainedOption['parts'] {
  const origins = config.itemSources[spec.name as OptionName];
  const items = fieldValue(config, spec);
  if (!origins || !Array.isArray(items)) return undefined;
  const parts: { items: string[]; origin: Origin | undefined }[] = [];
  items.forEach((item, i) => {
    const origin = origins[i];
    const last = parts.at(-1);
    if (last && last.origin === origin) last.items.push(String(item));
    else parts.push({ items: [String(item)], origin });
  });
  return parts.map((part) => ({
    value: part.items.join(', '),
    source: originText(spec, part.origin, config),
  }));
}

function stagesOf(config: Config): string[] {
  const stages: string[] = [];
  stages.push(
    config.image
      ? `use the existing image ${config.image} (no build)`
      : `build ${config.dockerfile} (context ${config.context}${config.tag ? `, tag ${config.tag}` : ''})`,
  );
  if (config.baselineRef)
    stages.push(`baseline: build the same Dockerfile at git ref ${config.baselineRef} and compare`);
  if (config.baselineImage) stages.push(`baseline: compare with the image ${config.baselineImage}`);
  if (config.baselineReport)
    stages.push(`baseline: compare with the report ${config.baselineReport} (layer sizes only)`);
  stages.push('contract: probe the image (commands, packages, user, uv cache volume, size)');
  if (config.skipE2e) stages.push('end to end: skipped (skip-e2e)');
  else {
    const layouts = config.cacheLayout === 'both' ? 'separate and shared' : config.cacheLayout;
    const scaffolder = `${config.scaffolderImage ?? 'the image under test'} as ${config.scaffolderUser === 'root' ? 'root' : "the image's user"}`;
    stages.push(
      `end to end: the scaffolder (${scaffolder}, scaffold-cache ${config.scaffoldCache}) scaffolds ${config.template}@${config.templateRef}, sets up and pushes with hooks off; developer A then ${config.warmRuns} warm developer(s)${config.coldRuns > 1 ? ` taking turns with ${config.coldRuns - 1} more cold one(s), each on a fresh cache volume,` : ''} get it by handoff ${config.handoff}, cache layout ${layouts}, ${config.cpus} CPU and ${sizeAsWritten(config.memoryBytes)} per worker`,
    );
    if (config.baselineRef && config.maxWarmSetupRegression !== undefined)
      stages.push(`end to end on the baseline at ${config.baselineRef} (for max-warm-setup-regression)`);
  }
  const files = [config.report, config.summaryFile, config.junit, config.html].filter(Boolean);
  stages.push(`report: ${files.length > 0 ? files.join(', ') : 'closing lines only (no files named)'}`);
  if (config.jobSummary) stages.push('job summary');
  if (config.comment) stages.push('pull-request comment, updated in place');
  return stages;
}

function optionText(o: ExplainedOption): string {
  if (o.parts?.length === 0) return `(none)  [${o.source}]`;
  if (o.parts) return o.parts.map((part) => `${part.value}  [${part.source}]`).join(' + ');
  return `${o.value ?? '(unset)'}${o.source === 'unset' ? '' : `  [${o.source}]`}`;
}

/** The explanation as text, for the terminal and the action's log. */
export function renderExplanation(explanation: Explanation): string {
  const lines: string[] = [];
  if (explanation.problems.length > 0) {
    lines.push(`${explanation.problems.length} problem(s) in the options:`);
    for (const p of explanation.problems) lines.push(`  ${p}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push('What `verify` would do with these options (nothing ran; the engine was not contacted).', '');
  const width = Math.max(...explanation.options.map((o) => o.name.length));
  for (const section of SECTIONS) {
    const options = explanation.options.filter((o) => o.section === section.name);
    if (options.length === 0) continue;
    lines.push(`${section.title}:`);
    for (const o of options) lines.push(`  ${o.name.padEnd(width)}  ${optionText(o)}`);
    lines.push('');
  }
  lines.push('Stages:');
  explanation.stages.forEach((stage, i) => {
    lines.push(`  ${i + 1}. ${stage}`);
  });
  lines.push('', 'Gates:');
  const gateWidth = Math.max(...explanation.gates.map((g) => g.id.length));
  for (const gate of explanation.gates) lines.push(`  ${gate.id.padEnd(gateWidth)}  ${gate.rule}`);
  lines.push('', 'No problems found: the options are valid.');
  return `${lines.join('\n')}\n`;
}
