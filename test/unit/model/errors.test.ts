import { expect, test } from 'vitest';
import { describeError, InfraError, InputError } from '../../../src/model/errors.js';

test.each([
  [new InfraError('no engine', 'connect ENOENT'), { message: 'no engine', detail: 'connect ENOENT' }],
  [
    new InputError('invalid --memory', { details: ['invalid --cpus', 'invalid --warm-runs'] }),
    { message: 'invalid --memory', detail: 'invalid --cpus\ninvalid --warm-runs' },
  ],
  [new InputError('invalid --memory'), { message: 'invalid --memory' }],
  ['a string', { message: 'a string' }],
])('describeError(%s) keeps the one line and its detail', (err, expected) => {
  expect(describeError(err)).toEqual(expected);
});
