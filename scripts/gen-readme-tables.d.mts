// Types of scripts/gen-readme-tables.mjs, for the unit test that imports it.
export interface ActionYml {
  inputs?: Record<string, { description?: string; default?: unknown; required?: boolean } | null>;
  outputs?: Record<string, { description?: string } | null>;
}
/** The part of src/config/options.ts the flags tables read. */
export interface OptionTable {
  SPECS: readonly {
    name: string;
    section: string;
    kind: string;
    valueName: string;
    cliName?: string;
    actionOnly?: boolean;
    cliOnly?: boolean;
    noConfigKey?: string;
    commands: readonly string[];
  }[];
  SECTIONS: readonly { name: string; title: string }[];
  /** Whether a boolean's flag has its `--no-NAME` (src/config/options.ts). */
  isNegatable(spec: { kind: string; noConfigKey?: string }): boolean;
}
export const PAGE: string;
export function splitDefault(description: string | undefined): { meaning: string; default?: string };
export function renderInputsTable(action: ActionYml): string;
export function renderOutputsTable(action: ActionYml): string;
export function renderFlagsTables(optionTable: OptionTable): string;
export function updateOptionsPage(page: string, actionYml: string, optionTable: OptionTable): string;
export function staleSections(current: string, expected: string): string[];
