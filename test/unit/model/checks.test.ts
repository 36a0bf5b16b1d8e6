import { describe, expect, test } from 'vitest';
import { isSkipped } from '../../../src/model/checks.js';

describe('isSkipped', () => {
  test('by exact id or by the whole family', () => {
    expect(isSkipped('forbid-package:pytest', ['forbid-package:pytest'])).toBe(true);
    expect(isSkipped('forbid-package:pytest', ['forbid-package'])).toBe(true);
    expect(isSkipped('forbid-package:ruff', ['forbid-package:pytest'])).toBe(false);
    expect(isSkipped('non-root-user', ['non-root-user'])).toBe(true);
  });
});
