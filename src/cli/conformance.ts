import type { Command } from 'commander';
import type { FileResult } from '../conformance/run-folder.js';
import { describeMismatch } from '../conformance/case-result.js';
import { casePassed, runFolder } from '../conformance/run-folder.js';
import { inTreeRegistry } from '../plugins/index.js';

/** Prints a line per vector file (plugin, plugin.helper, or framework.function), each failing case, and the closing "N passed, M failed". */
export function formatConformance(results: readonly FileResult[]): { text: string; failed: number } {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const f of results) {
    const ok = f.cases.filter(casePassed).length;
    const bad = f.cases.length - ok;
    passed += ok;
    failed += bad;
    lines.push(`${bad === 0 ? 'ok  ' : 'FAIL'} ${f.label}: ${ok} passed, ${bad} failed`);
    for (const c of f.cases) {
      if (casePassed(c)) continue;
      if (c.error !== null) lines.push(`       - ${c.name}: ${c.error}`);
      for (const m of c.mismatches) {
        lines.push(`       - ${c.name}: ${describeMismatch(m)}`);
      }
    }
  }
  lines.push(`${passed} passed, ${failed} failed`);
  return { text: lines.join('\n'), failed };
}

export function registerConformance(program: Command): void {
  program
    .command('conformance')
    .description('run kube-scheduler conformance vectors (JSON files of plugin, helper, DefaultPreemption and framework cases; see conformance/FORMAT.md)')
    .argument('[folder]', 'folder of vector files', 'conformance/kube-scheduler')
    .action((folder: string) => {
      const { text, failed } = formatConformance(runFolder(folder, inTreeRegistry));
      process.stdout.write(`${text}\n`);
      if (failed > 0) process.exitCode = 1;
    });
}
