import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../model/errors.js';

/**
 * The numbers in one column of a CSV file with a header row (for empirical
 * distributions). Empty cells are skipped; anything else that is not a finite number is
 * an error naming the file, line and column.
 */
export function readCsvColumn(file: string, column: string): number[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError({ file }, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (e) {
    throw new InputError({ file }, `not valid CSV: ${(e as Error).message}`);
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  const idx = header.indexOf(column);
  if (idx < 0) throw new InputError({ file, line: 1 }, `no column ${JSON.stringify(column)} (have ${header.join(', ')})`);
  const out: number[] = [];
  rows.slice(1).forEach((r, i) => {
    const cell = (r[idx] ?? '').trim();
    if (cell === '') return;
    const v = Number(cell);
    if (!Number.isFinite(v)) throw new InputError({ file, line: i + 2, path: `column ${column}` }, `expected a number, got ${JSON.stringify(cell)}`);
    out.push(v);
  });
  if (out.length === 0) throw new InputError({ file, path: `column ${column}` }, 'no values');
  return out;
}
