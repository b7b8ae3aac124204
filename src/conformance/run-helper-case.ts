import { isDeepStrictEqual } from 'node:util';
import type { HelperUnderTest } from './helper-vectors.js';
import type { CaseResult } from './case-result.js';
import type { HelperCase } from './vector.js';

/**
 * Runs one helper case (FORMAT.md, "Helper vectors"): schedbench's answer for the
 * case's input against kube's expected output, compared as the helper says. The input
 * and output shapes were checked when the file was read.
 */
export function runHelperCase(helper: HelperUnderTest, c: HelperCase): CaseResult {
  try {
    const actual = helper.run(c.input);
    const expected = helper.compared(c.expect);
    const mismatches = isDeepStrictEqual(actual, expected) ? [] : [{ node: '', what: 'output' as const, expected: JSON.stringify(expected), actual: JSON.stringify(actual) }];
    return { name: c.name, mismatches, error: null };
  } catch (e) {
    return { name: c.name, mismatches: [], error: e instanceof Error ? e.message : String(e) };
  }
}
