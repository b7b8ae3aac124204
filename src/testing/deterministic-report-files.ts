import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A report folder's files that must not depend on how its cells ran, by name: every file
 * but timing.csv, with the wall-clock parts cut out of the two that carry some (the
 * page's timing table; each cell's run.timing and wallMs in cells.jsonl). Two runs of
 * one plan must give equal maps, whatever ran the cells.
 */
export function deterministicReportFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir).filter((n) => !n.startsWith('.')).sort()) {
    if (f === 'timing.csv') continue;
    let text = readFileSync(join(dir, f), 'utf8');
    if (f === 'index.html') text = text.replace(/<table class="timing">[\s\S]*?<\/table>/g, '<timing/>');
    if (f === 'cells.jsonl') text = text.replace(/"timing":\{[^}]*\}/g, '').replace(/"wallMs":[^,}]*/g, '');
    out.set(f, text);
  }
  return out;
}
