// `--filter` (audit): Docker's container filter syntax, `KEY=VALUE` as `docker ps
// --filter` takes it (`label=role=worker`: the value may hold `=`). Keys are
// held to the ones the engine knows, so a typo is refused up front instead of
// matching nothing.
import { z } from 'zod';
import type { Item } from './kinds.js';

export const FILTER_KEYS = [
  'ancestor',
  'before',
  'expose',
  'exited',
  'health',
  'id',
  'is-task',
  'isolation',
  'label',
  'name',
  'network',
  'publish',
  'since',
  'status',
  'volume',
] as const;

const FILTER = new RegExp(`^(?:${FILTER_KEYS.join('|')})=\\S.*$`);

export const filterItem: Item<string> = {
  schema: z.string().trim().regex(FILTER),
  expected: `a Docker filter KEY=VALUE like label=role=worker or ancestor=IMAGE (KEY one of ${FILTER_KEYS.join(', ')})`,
  valueName: 'KEY=VALUE',
};

/** The filters as the engine's list call takes them, key → values (combined as `docker ps` combines them). */
export function engineFilters(filters: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const filter of filters) {
    const at = filter.indexOf('=');
    const key = filter.slice(0, at);
    out[key] = [...(out[key] ?? []), filter.slice(at + 1)];
  }
  return out;
}
