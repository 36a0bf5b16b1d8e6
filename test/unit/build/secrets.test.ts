// Build secrets read before the run: their values for the redactor, and every
// secret that cannot be read refused at once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { readBuildSecrets } from '../../../src/build/secrets.js';
import { redactorFor } from '../../../src/model/redact.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wg-secrets-'));
const file = path.join(dir, 'pip.conf');
writeFileSync(file, '[global]\nindex-url = https://user:s3cr3t-pass@pypi.example.com/simple\n');

test('the values of file and variable secrets, which the redactor then hides everywhere', () => {
  const read = readBuildSecrets(
    [
      { id: 'pip', src: file },
      { id: 'token', env: 'INDEX_TOKEN' },
    ],
    { INDEX_TOKEN: 'tok-0123456789' },
  );
  expect(read.problems).toEqual([]);
  const redactor = redactorFor({ buildSecrets: read.values });
  expect(redactor.text('#6 the token is tok-0123456789')).not.toContain('tok-0123456789');
  expect(redactor.text('index-url = https://user:s3cr3t-pass@pypi.example.com/simple')).not.toContain(
    's3cr3t-pass',
  );
});

test('a missing file and an unset variable are refused together, each named as given', () => {
  const read = readBuildSecrets(
    [
      { id: 'pip', src: path.join(dir, 'nope.conf') },
      { id: 'token', env: 'UNSET_TOKEN' },
    ],
    {},
  );
  expect(read.problems).toEqual([
    `secret id=pip,src=${path.join(dir, 'nope.conf')} (--secret / secrets): there is no such file`,
    'secret id=token,env=UNSET_TOKEN (--secret / secrets): the variable UNSET_TOKEN is not set',
  ]);
});
