import { describe, expect, test } from 'vitest';
import type { Log } from '../../../src/model/log.js';
import {
  Redactor,
  redactHistoryArgs,
  redactingLog,
  redactorFor,
  urlSecrets,
} from '../../../src/model/redact.js';

describe('the redactor', () => {
  test('hides the credentials of any URL, known or not', () => {
    const r = new Redactor();
    expect(r.text('cloning https://user:s3cret@git.example.com/t.git now')).toBe(
      'cloning https://***@git.example.com/t.git now',
    );
    expect(r.text('proxy http://tok%40en@proxy:3128 and ssh://u:pw@host/x')).toBe(
      'proxy http://***@proxy:3128 and ssh://***@host/x',
    );
    expect(r.text('no credentials: https://pypi.org/simple/ and a@b.c')).toBe(
      'no credentials: https://pypi.org/simple/ and a@b.c',
    );
  });

  test("keeps ssh://user@host's user: ssh authenticates with keys, so it is a name, not a token", () => {
    expect(new Redactor().text('engine ssh://root@workers-1:2222 and ssh://git@host/x')).toBe(
      'engine ssh://root@workers-1:2222 and ssh://git@host/x',
    );
    expect(urlSecrets('ssh://root@workers-1 and SSH://ops@h')).toEqual([]);
    expect(urlSecrets('ssh://u:pw-1234@h')).toEqual(['u:pw-1234', 'pw-1234', 'u']);
  });

  test('hides every secret it was given wherever it appears, also percent-decoded', () => {
    const r = redactorFor({
      template: 'https://bot:p%40ss-w0rd@git.example.com/t.git',
      githubToken: 'ghs_abcdef123456',
      env: { UV_INDEX_URL: 'https://__token__:idx-secret-1@pypi.corp/simple', PATH: '/usr/bin' },
      buildArgs: { API_TOKEN: 'tok-value-99', PYTHON_IMAGE: 'python:3.12-slim' },
    });
    const text = r.text(
      'git said: auth failed for p@ss-w0rd; idx-secret-1 ghs_abcdef123456 tok-value-99 python:3.12-slim',
    );
    expect(text).toBe('git said: auth failed for ***; *** *** *** python:3.12-slim');
    expect(r.values()).toContain('ghs_abcdef123456');
  });

  test('ignores secrets too short to hide without hiding everything', () => {
    const r = new Redactor(['ab', undefined, '']);
    expect(r.text('a b ab abc')).toBe('a b ab abc');
  });

  test('the user and password parts of URLs', () => {
    expect(urlSecrets('https://u:pw@h/x and https://TOKEN@h2/y')).toEqual(['u:pw', 'pw', 'u', 'TOKEN']);
    expect(urlSecrets('https://h/x')).toEqual([]);
  });

  test("build-argument values in the layer history, the classic builder's and BuildKit's", () => {
    expect(redactHistoryArgs('|2 API_TOKEN=abc NONCE=1 /bin/sh -c make')).toBe(
      '|2 API_TOKEN=*** NONCE=*** /bin/sh -c make',
    );
    expect(redactHistoryArgs('RUN |1 KEY=v /bin/sh -c echo KEY=v')).toBe(
      'RUN |1 KEY=*** /bin/sh -c echo KEY=v',
    );
    expect(redactHistoryArgs('/bin/sh -c #(nop)  ARG KEY')).toBe('/bin/sh -c #(nop)  ARG KEY');
  });

  test('a whole report: every string, layer history included, and nothing else changed', () => {
    const r = new Redactor(['hidden-value']);
    const report = {
      verdict: 'fail',
      durationSeconds: 3,
      e2e: { template: { source: 'https://u:p@h/t.git' } },
      image: { layers: [{ createdBy: '|1 X=hidden-value /bin/sh -c true', sizeBytes: 5 }] },
      failures: [{ gate: 'e2e:A:setup', message: 'said hidden-value' }],
    };
    expect(r.deep(report)).toEqual({
      verdict: 'fail',
      durationSeconds: 3,
      e2e: { template: { source: 'https://***@h/t.git' } },
      image: { layers: [{ createdBy: '|1 X=*** /bin/sh -c true', sizeBytes: 5 }] },
      failures: [{ gate: 'e2e:A:setup', message: 'said ***' }],
    });
    expect(report.failures[0]?.message).toBe('said hidden-value');
  });

  test('a redacting log passes every message, title and line through it', async () => {
    const seen: string[] = [];
    const log: Log = {
      info: (m) => seen.push(m),
      warn: (m) => seen.push(m),
      group: (t, fn) => {
        seen.push(t);
        return fn();
      },
      detail: (l) => seen.push(l),
    };
    const r = redactingLog(log, new Redactor(['s3cr3t']));
    r.info('i s3cr3t');
    r.warn('w https://a:b@h');
    await r.group('g s3cr3t', async () => r.detail('d s3cr3t'));
    expect(seen).toEqual(['i ***', 'w https://***@h', 'g ***', 'd ***']);
  });
});
