// The values of a run's build secrets, read before anything starts: the
// redactor learns each one (so no log line, message or report can show it),
// and a secret whose file or variable is missing is refused with the others.
import { readFileSync, statSync } from 'node:fs';
import { type BuildSecret, secretText } from '../config/build-secret.js';

export interface ReadSecrets {
  /** Every value, for the redactor (a file's whole text, and each of its lines; the redactor skips short ones). */
  values: string[];
  /** One line per secret that cannot be read, naming it as given. */
  problems: string[];
}

export function readBuildSecrets(secrets: readonly BuildSecret[], env: NodeJS.ProcessEnv): ReadSecrets {
  const values: string[] = [];
  const problems: string[] = [];
  for (const secret of secrets) {
    const named = `secret ${secretText(secret)} (--secret / secrets)`;
    if (secret.env !== undefined) {
      const value = env[secret.env];
      if (value === undefined || value === '')
        problems.push(`${named}: the variable ${secret.env} is not set`);
      else values.push(value);
      continue;
    }
    const file = secret.src ?? '';
    if (!isFile(file)) {
      problems.push(`${named}: there is no such file`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    values.push(text, ...text.split('\n').map((l) => l.trim()));
  }
  return { values, problems };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
