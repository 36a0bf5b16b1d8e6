/** PEP 503 normalised project name: `PyYAML`, `pyyaml`, `py_yaml` and `Py.YAML` are one package. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** PEP 508 project names: ASCII letters and digits, with `-_.` only inside. */
export const PROJECT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
