import type { VectorCase } from './vector.js';

/** One expectation that did not hold. */
export interface Mismatch {
  /** The node the expectation is about; '*' for all of them, '' for a helper's output or a whole-case answer. */
  readonly node: string;
  readonly what: 'filter' | 'score' | 'preScore' | 'output' | 'eligible' | 'preemption' | 'victims' | 'candidates';
  readonly expected: string | number;
  readonly actual: string | number;
}

/** A mismatch as one line: "node n1: score expected 50, got 40" or "output expected …, got …". */
export function describeMismatch(m: Mismatch): string {
  return `${m.node === '' ? '' : `node ${m.node}: `}${m.what} expected ${m.expected}, got ${m.actual}`;
}

/** The result of one case: mismatches, or an error (plugin missing, bad input, crash). */
export interface CaseResult {
  readonly name: string;
  readonly mismatches: readonly Mismatch[];
  readonly error: string | null;
}

/** Runs `evaluate` for a case, turning a thrown error into the case's error. */
export function caseResult(c: VectorCase, evaluate: () => Mismatch[]): CaseResult {
  try {
    return { name: c.name, mismatches: evaluate(), error: null };
  } catch (e) {
    return { name: c.name, mismatches: [], error: e instanceof Error ? e.message : String(e) };
  }
}
