import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inTreeRegistry } from '../plugins/index.js';
import { describeMismatch } from './case-result.js';
import { casePassed, runFolder } from './run-folder.js';

const folder = fileURLToPath(new URL('../../conformance/kube-scheduler', import.meta.url));

// Every vector of the project's copy (../shared/conformance/kube-scheduler and the cases
// transcribed since, FORMAT.md) must pass, case by case.
describe('kube-scheduler conformance vectors', () => {
  for (const file of runFolder(folder, inTreeRegistry)) {
    describe(file.label, () => {
      for (const c of file.cases) {
        it(c.name, () => {
          const detail = c.error ?? c.mismatches.map(describeMismatch).join('; ');
          expect(casePassed(c), detail).toBe(true);
        });
      }
    });
  }
});
