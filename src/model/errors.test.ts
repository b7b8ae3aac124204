import { describe, expect, it } from 'vitest';
import { excerpt, formatPath, InputError, oneLine, pathPartsOf } from './errors.js';
import { INPUT_LIMITS } from './input-limits.js';

describe('oneLine: an error is one readable line, whatever the input', () => {
  const cases = [
    { name: 'newlines and tabs are shown as escapes', text: 'a\nb\tc', want: 'a\\nb\\tc' },
    { name: 'terminal escape sequences are shown as escapes', text: 'x\u001b[2Jy', want: 'x\\u001b[2Jy' },
    { name: 'bidirectional overrides cannot reorder the line', text: 'pod-\u202eevil', want: 'pod-\\u202eevil' },
    { name: 'plain text is left alone', text: 'pods.json:9: cpu: "12x" is not a quantity', want: 'pods.json:9: cpu: "12x" is not a quantity' },
  ];
  for (const c of cases) it(c.name, () => expect(oneLine(c.text)).toBe(c.want));
  it('cuts a long message at the limit with an ellipsis', () => {
    const line = new InputError({ file: 'f.yaml' }, 'x'.repeat(10_000)).message;
    expect(line.length).toBe(INPUT_LIMITS.errorChars);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('excerpt: a user\'s value quoted back short', () => {
  const cases = [
    { name: 'a string is JSON-quoted', value: 'Like', want: '"Like"' },
    { name: 'NaN is NaN, not null', value: Number.NaN, want: 'NaN' },
    { name: 'Infinity by name', value: -Infinity, want: '-Infinity' },
    { name: 'undefined is nothing', value: undefined, want: 'nothing' },
    { name: 'a long value is cut', value: 'y'.repeat(1000), want: `"${'y'.repeat(INPUT_LIMITS.excerptChars - 2)}…` },
  ];
  for (const c of cases) it(c.name, () => expect(excerpt(c.value)).toBe(c.want));
});

describe('pathPartsOf: the parts of a formatted path', () => {
  const cases: { path: string; want: (string | number)[] }[] = [
    { path: 'spec.containers[0].resources', want: ['spec', 'containers', 0, 'resources'] },
    { path: 'spec.priorityClassName', want: ['spec', 'priorityClassName'] },
    { path: 'items[3][1]', want: ['items', 3, 1] },
    { path: '', want: [] },
  ];
  for (const c of cases) {
    it(c.path || '(empty)', () => {
      expect(pathPartsOf(c.path)).toEqual(c.want);
      expect(formatPath(pathPartsOf(c.path))).toBe(c.path);
    });
  }
});
