import { describe, expect, it } from 'vitest';
import { scriptJson } from './script-json.js';

describe('scriptJson', () => {
  const hostile = { policy: '</script><script>alert(1)</script>', comment: '<!-- x', ls: 'a\u2028b\u2029c' };

  it('contains no "<" and no raw U+2028/U+2029', () => {
    const s = scriptJson(hostile);
    expect(s).not.toContain('<');
    expect(s).not.toMatch(/[\u2028\u2029]/);
    expect(s).toBe('{"policy":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>","comment":"\\u003c!-- x","ls":"a\\u2028b\\u2029c"}');
  });

  it('parses back to the same value', () => {
    expect(JSON.parse(scriptJson(hostile))).toEqual(hostile);
  });

  it('NaN becomes null, as JSON has no NaN', () => {
    expect(scriptJson([Number.NaN, 1])).toBe('[null,1]');
  });
});
