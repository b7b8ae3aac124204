import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inTreeRegistry } from '../plugins/index.js';
import { casePassed, runFolder } from './run-folder.js';

const folder = fileURLToPath(new URL('../../conformance/kube-scheduler', import.meta.url));

// Every vector copied from ../shared/conformance/kube-scheduler must pass, case by case.
describe('kube-scheduler conformance vectors', () => {
  for (const file of runFolder(folder, inTreeRegistry)) {
    describe(file.plugin, () => {
      for (const c of file.cases) {
        it(c.name, () => {
          const detail = c.error ?? c.mismatches.map((m) => `node ${m.node}: ${m.what} expected ${m.expected}, got ${m.actual}`).join('; ');
          expect(casePassed(c), detail).toBe(true);
        });
      }
    });
  }
});
