// The one output format of every script worker-gate runs inside a container
// (the probe, the cache-volume check, the evidence, the reaper): line records
// that the reader picks out of whatever else the exec prints (a tool's stray
// stderr is interleaved with them).
//
//   @@wg <kind> <field> ... <last>   one record per line. Fields are separated by one
//                                    space; the reader says how many a kind has, and
//                                    the last takes the rest of the line, spaces and
//                                    all (a path is always last). Earlier fields are
//                                    words without spaces: numbers, names, states.
//   @@wg begin <kind> <fields...>    a block, for values that span lines: each content
//   | <line>                         line prefixed "| " (so it is never read as a
//   @@wg end                         record; a bare "|" is an empty line), then "end".
//   @@wg done                        the script reached its end.
//
// A value with a line break can only be block content, never a field. A CR
// before a line's end is dropped. The writers: script-records.sh for sh
// (`wg kind fields...`), and `record`/`block` in e2e/evidence/scripts/evidence.py.

export interface ScriptRecord {
  kind: string;
  /** Everything after the kind, split by `fields`. */
  text: string;
  /** A block's content lines. */
  lines?: string[];
}

const PREFIX = '@@wg ';

/** Split "a b rest with spaces" into `count` fields, the last taking the rest; undefined when too few. */
export function fields(text: string, count: number): string[] | undefined {
  const out: string[] = [];
  let rest = text;
  for (let i = 0; i < count - 1; i++) {
    const space = rest.indexOf(' ');
    if (space < 0) return undefined;
    out.push(rest.slice(0, space));
    rest = rest.slice(space + 1);
  }
  out.push(rest);
  return out;
}

/** A whole number field, or undefined. */
export function wholeNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

function splitKind(body: string): ScriptRecord {
  const space = body.indexOf(' ');
  return space < 0 ? { kind: body, text: '' } : { kind: body.slice(0, space), text: body.slice(space + 1) };
}

/** The records in an exec's output, in order; a block cut off before its end is dropped. */
export function parseRecords(output: string): ScriptRecord[] {
  const records: ScriptRecord[] = [];
  let block: ScriptRecord | undefined;
  for (const raw of output.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (block) {
      if (line.startsWith('| ')) block.lines?.push(line.slice(2));
      else if (line === '|') block.lines?.push('');
      else if (line === `${PREFIX}end`) {
        records.push(block);
        block = undefined;
      }
      continue;
    }
    if (!line.startsWith(PREFIX)) continue;
    const record = splitKind(line.slice(PREFIX.length));
    if (record.kind === 'begin') block = { ...splitKind(record.text), lines: [] };
    else if (record.kind !== 'end') records.push(record);
  }
  return records;
}

/** The script printed its last record. */
export function reachedEnd(records: readonly ScriptRecord[]): boolean {
  return records.some((r) => r.kind === 'done');
}
