// Types of scripts/gen-readme-tables.mjs, for the unit test that imports it.
export interface ActionYml {
  inputs?: Record<string, { description?: string; default?: unknown; required?: boolean } | null>;
  outputs?: Record<string, { description?: string } | null>;
}
export function splitDefault(description: string | undefined): { meaning: string; default?: string };
export function renderInputsTable(action: ActionYml): string;
export function renderOutputsTable(action: ActionYml): string;
export function updateReadme(readme: string, actionYml: string): string;
export function staleSections(current: string, expected: string): string[];
