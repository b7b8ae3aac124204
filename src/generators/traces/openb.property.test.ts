import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ClusterState } from '../../cluster/cluster-state.js';
import { InputError } from '../../model/errors.js';
import { MAX_GPUS_PER_NODE } from '../../model/gpu-resources.js';
import { INPUT_LIMITS } from '../../model/input-limits.js';
import { ModelContext } from '../../model/model-context.js';
import { loadOpenbNodes, loadOpenbPods } from './openb.js';
import { openbNode, OpenbPods } from './openb-objects.js';

/**
 * Whatever an openb node or pod list holds, the readers either return rows that compile
 * into nodes and pods (the checks at the door are enough for what follows) or throw an
 * InputError of one line, at most INPUT_LIMITS.errorChars long, naming the file: random
 * bytes, and small valid lists with random edits (a cell replaced by a random string, a
 * huge, negative, NaN, hex or exponent number; a row duplicated, cut or dropped; the
 * file cut anywhere).
 */

const dir = mkdtempSync(join(tmpdir(), 'openb-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

type Grid = string[][];

const NODES: Grid = [
  ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'],
  ['n-0', '64000', '262144', '2', 'P100'],
  ['n-1', '96000', '393216', '0', ''],
  ['n-2', '32000', '131072', '8', 'V100M16'],
];
const PODS_LONG: Grid = [
  ['name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli', 'gpu_spec', 'qos', 'pod_phase', 'creation_time', 'deletion_time', 'scheduled_time'],
  ['p-0', '12000', '16384', '1', '1000', '', 'LS', 'Running', '0', '12537496', '0'],
  ['p-1', '6000', '12288', '1', '460', 'V100M16|V100M32', 'BE', 'Pending', '427061', '12902960', ''],
  ['p-2', '88000', '327680', '8', '1000', '', 'LS', 'Running', '5', '9', '6'],
  ['p-3', '4000', '8192', '0', '0', '', 'BE', 'Succeeded', '', '', ''],
];
const PODS_SHORT: Grid = [
  ['name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli'],
  ['p-0', '88000', '327680', '8', '1000'],
  ['p-1', '1000', '2048', '1', '250'],
];

/** What a hostile cell may hold. */
const cellArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer({ min: 1, max: 400 }).map((k) => '9'.repeat(k)),
  fc.integer({ min: -1_000_000, max: -1 }).map(String),
  fc.integer({ min: 0, max: 2000 }).map(String),
  fc.constantFrom('NaN', 'Infinity', '-0', '0x1F', '0b11', '0o7', '1e3', '1e309', '1.5', '.5', '', ' ', '+1', '1_000', '"', '"a,b"', '\n', '\r\n', '33', '100000000', '9007199254740993'),
);

type Edit =
  | { readonly op: 'cell'; readonly row: number; readonly col: number; readonly value: string }
  | { readonly op: 'duplicate'; readonly row: number }
  | { readonly op: 'drop'; readonly row: number }
  | { readonly op: 'cutRow'; readonly row: number; readonly keep: number }
  | { readonly op: 'cutFile'; readonly at: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('cell' as const), row: fc.nat(), col: fc.nat(), value: cellArb }),
  fc.record({ op: fc.constant('duplicate' as const), row: fc.nat() }),
  fc.record({ op: fc.constant('drop' as const), row: fc.nat() }),
  fc.record({ op: fc.constant('cutRow' as const), row: fc.nat(), keep: fc.nat() }),
  fc.record({ op: fc.constant('cutFile' as const), at: fc.nat() }),
);

/** The grid with `edits` applied, as CSV text (cells joined as they are: no quoting). */
function mutated(grid: Grid, edits: readonly Edit[]): string {
  let rows = grid.map((r) => [...r]);
  let cut: number | null = null;
  for (const e of edits) {
    const r = rows.length === 0 ? 0 : ('row' in e ? e.row % rows.length : 0);
    switch (e.op) {
      case 'cell': if (rows[r] !== undefined && rows[r].length > 0) rows[r][e.col % rows[r].length] = e.value; break;
      case 'duplicate': if (rows[r] !== undefined) rows.splice(r, 0, [...rows[r]]); break;
      case 'drop': rows = rows.filter((_, i) => i !== r); break;
      case 'cutRow': if (rows[r] !== undefined) rows[r] = rows[r].slice(0, e.keep % (rows[r].length + 1)); break;
      case 'cutFile': cut = e.at; break;
    }
  }
  const text = rows.map((r) => r.join(',')).join('\n') + '\n';
  return cut === null ? text : text.slice(0, cut % (text.length + 1));
}

/** Reads `content` with `load`: the rows, or the InputError's message; anything else fails the test. */
function outcome<T>(content: string | Uint8Array, load: (file: string) => T): { rows: T } | { message: string; file: string } {
  const file = join(dir, `fuzz-${n++}.csv`);
  writeFileSync(file, content);
  try {
    return { rows: load(file) };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { message: e.message, file };
  } finally {
    rmSync(file, { force: true });
  }
}

function expectOneLine(o: { message: string; file: string }): void {
  expect(o.message).not.toMatch(/[\n\r]/);
  expect(o.message.length).toBeLessThanOrEqual(INPUT_LIMITS.errorChars);
  expect(o.message.startsWith(`${o.file}`), o.message).toBe(true);
}

/** Accepted nodes must make a cluster (the GPU table refuses what the reader should have). */
function checkNodes(file: string | Uint8Array): void {
  const o = outcome(file, loadOpenbNodes);
  if ('message' in o) return expectOneLine(o);
  for (const r of o.rows) {
    expect(Number.isSafeInteger(r.gpus) && r.gpus >= 0 && r.gpus <= MAX_GPUS_PER_NODE).toBe(true);
    expect(Number.isSafeInteger(r.cpuMilli) && Number.isSafeInteger(r.memoryMib)).toBe(true);
  }
  const model = new ModelContext();
  ClusterState.from(model, o.rows.map((r) => openbNode(r, model)));
}

/** Accepted tasks must compile into pods, with times in order. */
function checkPods(file: string | Uint8Array): void {
  const o = outcome(file, loadOpenbPods);
  if ('message' in o) return expectOneLine(o);
  const pods = new OpenbPods(new ModelContext());
  for (const r of o.rows) {
    pods.pod(r);
    if (r.creationTimeS !== null && r.deletionTimeS !== null) expect(r.deletionTimeS).toBeGreaterThanOrEqual(r.creationTimeS);
    for (const t of [r.creationTimeS, r.deletionTimeS, r.scheduledTimeS]) if (t !== null) expect(Number.isFinite(t) && t >= 0).toBe(true);
  }
}

const RUNS = { numRuns: 200 };

describe('openb readers on hostile files', () => {
  it('random bytes, bare or after a valid header', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, withHeader) => {
      const head = (grid: Grid) => (withHeader ? Buffer.concat([Buffer.from(`${grid[0]!.join(',')}\n`), bytes]) : bytes);
      checkNodes(head(NODES));
      checkPods(head(PODS_LONG));
      checkPods(head(PODS_SHORT));
    }), RUNS);
  });

  it('a node list with random edits', () => {
    fc.assert(fc.property(fc.array(editArb, { minLength: 1, maxLength: 4 }), (edits) => checkNodes(mutated(NODES, edits))), RUNS);
  });

  it('a pod list (11 columns) with random edits', () => {
    fc.assert(fc.property(fc.array(editArb, { minLength: 1, maxLength: 4 }), (edits) => checkPods(mutated(PODS_LONG, edits))), RUNS);
  });

  it('a pod list (5 columns) with random edits', () => {
    fc.assert(fc.property(fc.array(editArb, { minLength: 1, maxLength: 4 }), (edits) => checkPods(mutated(PODS_SHORT, edits))), RUNS);
  });

  it('the unedited lists are read', () => {
    expect(outcome(mutated(NODES, []), loadOpenbNodes)).toHaveProperty('rows');
    expect(outcome(mutated(PODS_LONG, []), loadOpenbPods)).toHaveProperty('rows');
    expect(outcome(mutated(PODS_SHORT, []), loadOpenbPods)).toHaveProperty('rows');
  });
});
