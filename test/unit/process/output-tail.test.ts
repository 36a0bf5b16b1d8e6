import { describe, expect, test } from 'vitest';
import { OutputTail } from '../../../src/process/output-tail.js';

describe('OutputTail', () => {
  test('keeps everything up to its limit', () => {
    const tail = new OutputTail(10);
    tail.push(Buffer.from('abc'));
    tail.push(Buffer.from('defg'));
    expect(tail.text()).toBe('abcdefg');
    expect(tail.cutBytes).toBe(0);
  });

  test('past its limit keeps the last bytes, across and inside chunks, and counts the rest', () => {
    const tail = new OutputTail(5);
    for (const chunk of ['abc', 'def', 'ghij']) tail.push(Buffer.from(chunk));
    expect(tail.text()).toBe('fghij');
    expect(tail.cutBytes).toBe(5);
    tail.push(Buffer.from('klmnopq'));
    expect(tail.text()).toBe('mnopq');
    expect(tail.cutBytes).toBe(12);
  });

  test('a limit of 0 keeps nothing and counts everything', () => {
    const tail = new OutputTail(0);
    tail.push(Buffer.from('abc'));
    expect(tail.text()).toBe('');
    expect(tail.cutBytes).toBe(3);
  });
});
