import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../model/errors.js';

/**
 * Readers for the openb GPU-cluster trace (Alibaba cluster-trace-gpu-v2023, used by the
 * USENIX ATC '23 FGD paper). Columns and units as in scenarios/data/openb/README.md.
 */

/** One row of an openb node list. */
export interface OpenbNode {
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryMib: number;
  readonly gpus: number;
  /** GPU model ("P100", "T4", "G2", ...); "" for CPU-only nodes. */
  readonly model: string;
}

/** One row of an openb pod list (the 5-column multigpu files leave the rest at their defaults). */
export interface OpenbPod {
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryMib: number;
  readonly numGpu: number;
  /** Thousandths of one GPU; meaningful when numGpu is 1 (< 1000 = a shared GPU). */
  readonly gpuMilli: number;
  /** Allowed GPU models; empty = any. */
  readonly gpuSpec: readonly string[];
  readonly qos: string;
  readonly phase: string;
  readonly creationTimeS: number | null;
  readonly deletionTimeS: number | null;
  readonly scheduledTimeS: number | null;
}

const NODE_COLUMNS = ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'] as const;
const POD_COLUMNS_SHORT = ['name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli'] as const;
const POD_COLUMNS_LONG = [...POD_COLUMNS_SHORT, 'gpu_spec', 'qos', 'pod_phase', 'creation_time', 'deletion_time', 'scheduled_time'] as const;

/** Reads an openb node list; throws InputError naming file, line and column. */
export function loadOpenbNodes(file: string): OpenbNode[] {
  const t = table(file, [NODE_COLUMNS]);
  return t.rows.map((r) => ({
    name: t.text(r, 'sn', true),
    cpuMilli: t.int(r, 'cpu_milli'),
    memoryMib: t.int(r, 'memory_mib'),
    gpus: t.int(r, 'gpu'),
    model: t.text(r, 'model', false),
  }));
}

/** Reads an openb pod list, either width; throws InputError naming file, line and column. */
export function loadOpenbPods(file: string): OpenbPod[] {
  const t = table(file, [POD_COLUMNS_LONG, POD_COLUMNS_SHORT]);
  const long = t.header.length === POD_COLUMNS_LONG.length;
  return t.rows.map((r) => {
    const numGpu = t.int(r, 'num_gpu');
    const gpuMilli = t.int(r, 'gpu_milli');
    if (gpuMilli > 1000) t.fail(r, 'gpu_milli', 'at most 1000 (one whole GPU)');
    if (numGpu > 1 && gpuMilli !== 1000) t.fail(r, 'gpu_milli', '1000 for a multi-GPU task');
    if (numGpu === 1 && gpuMilli === 0) t.fail(r, 'gpu_milli', '1 to 1000 for a GPU task');
    if (numGpu === 0 && gpuMilli !== 0) t.fail(r, 'gpu_milli', '0 for a task without GPU');
    const spec = long ? t.text(r, 'gpu_spec', false) : '';
    return {
      name: t.text(r, 'name', true),
      cpuMilli: t.int(r, 'cpu_milli'),
      memoryMib: t.int(r, 'memory_mib'),
      numGpu,
      gpuMilli,
      // Empty alternatives ("A||B") are dropped, as the artifact's converter does.
      gpuSpec: spec.split('|').filter((m) => m !== ''),
      qos: long ? t.text(r, 'qos', false) : '',
      phase: long ? t.text(r, 'pod_phase', false) : '',
      creationTimeS: long ? t.optNumber(r, 'creation_time') : null,
      deletionTimeS: long ? t.optNumber(r, 'deletion_time') : null,
      scheduledTimeS: long ? t.optNumber(r, 'scheduled_time') : null,
    };
  });
}

interface Row { readonly line: number; readonly cells: readonly string[] }

/** A parsed CSV with typed cell readers whose errors point at file:line, column. */
function table(file: string, accepted: readonly (readonly string[])[]) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError({ file }, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as never;
  } catch (e) {
    throw new InputError({ file }, `not valid CSV: ${(e as Error).message}`);
  }
  if (records.length === 0) throw new InputError({ file }, 'empty file (expected a header row)');
  const header = records[0]!.record.map((h) => h.trim());
  const shape = accepted.find((cols) => cols.length === header.length && cols.every((c, i) => header[i] === c));
  if (shape === undefined) {
    throw new InputError({ file, path: 'line 1' }, `unexpected columns ${header.join(',')} (expected ${accepted.map((a) => a.join(',')).join(' or ')})`);
  }
  const rows: Row[] = records.slice(1).map((r) => ({ line: r.info.lines, cells: r.record }));
  const col = (name: string) => header.indexOf(name);
  const fail = (r: Row, name: string, expected: string): never => {
    throw new InputError({ file, path: `line ${r.line}, column ${name}` }, `expected ${expected}, got ${JSON.stringify(r.cells[col(name)] ?? '')}`);
  };
  for (const r of rows) {
    if (r.cells.length !== header.length) {
      throw new InputError({ file, path: `line ${r.line}` }, `expected ${header.length} columns, got ${r.cells.length}`);
    }
  }
  return {
    header,
    rows,
    fail,
    text(r: Row, name: string, required: boolean): string {
      const v = (r.cells[col(name)] ?? '').trim();
      if (required && v === '') fail(r, name, 'a value');
      return v;
    },
    int(r: Row, name: string): number {
      const v = (r.cells[col(name)] ?? '').trim();
      if (!/^\d+$/.test(v)) fail(r, name, 'a non-negative integer');
      return Number(v);
    },
    optNumber(r: Row, name: string): number | null {
      const v = (r.cells[col(name)] ?? '').trim();
      if (v === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) fail(r, name, 'a non-negative number or nothing');
      return n;
    },
  };
}
