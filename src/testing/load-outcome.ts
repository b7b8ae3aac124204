import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { InputError } from '../model/errors.js';
import { INPUT_LIMITS } from '../model/input-limits.js';

/** Runs a loader on a file; throws only what is not an InputError. */
export type LoadOutcome = (content: string | Uint8Array, ext: string, load: (file: string) => void) => string | null;

/**
 * For fuzz tests of the loaders: writes each input to a fresh file `fuzz-<n><ext>` in
 * `dir`, runs `load` on it, removes it, and returns the InputError's message (null on
 * success). Anything else a loader throws escapes and fails the property.
 */
export function loadOutcomes(dir: string): LoadOutcome {
  let n = 0;
  return (content, ext, load) => {
    const file = join(dir, `fuzz-${n++}${ext}`);
    writeFileSync(file, content);
    try {
      load(file);
      return null;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return e.message;
    } finally {
      rmSync(file, { force: true });
    }
  };
}

/** Asserts that an error message (if any) is one line of at most INPUT_LIMITS.errorChars naming the fuzz file. */
export function expectOneLine(message: string | null): void {
  if (message === null) return;
  expect(message).not.toMatch(/[\n\r]/);
  expect(message.length).toBeLessThanOrEqual(INPUT_LIMITS.errorChars);
  expect(message).toMatch(/fuzz-\d+\.(yaml|json)/);
}

/**
 * The one-line InputError message a loader gives for `file` (failing the test when it
 * loads, throws anything else, or words the error over several lines).
 */
export function inputErrorOf(load: (file: string) => unknown, file: string): string {
  try {
    load(file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error(`${file} loaded without error`);
}
