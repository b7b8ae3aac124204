import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../model/input-limits.js';
import { loadOpenbNodes, loadOpenbPods } from './openb.js';

const fixture = (f: string) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));

const NODE_HEADER = 'sn,cpu_milli,memory_mib,gpu,model';
const SHORT_HEADER = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli';
const LONG_HEADER = `${SHORT_HEADER},gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time`;

/** Writes `text` to a fresh temporary file named `name` and returns its path. */
function csvFile(name: string, text: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'openb-')), name);
  writeFileSync(file, text);
  return file;
}

describe('openb loader', () => {
  it('reads a node list', () => {
    expect(loadOpenbNodes(fixture('nodes.csv'))).toEqual([
      { name: 'n-0', cpuMilli: 64000, memoryMib: 262144, gpus: 2, model: 'P100' },
      { name: 'n-1', cpuMilli: 96000, memoryMib: 393216, gpus: 0, model: '' },
    ]);
  });

  it('reads the 11-column pod list: gpu_spec alternatives, empty scheduled_time', () => {
    const pods = loadOpenbPods(fixture('pods-long.csv'));
    expect(pods[1]).toEqual({
      name: 'p-1', cpuMilli: 6000, memoryMib: 12288, numGpu: 1, gpuMilli: 460, gpuSpec: ['V100M16', 'V100M32'],
      qos: 'BE', phase: 'Pending', creationTimeS: 427061, deletionTimeS: 12902960, scheduledTimeS: null,
    });
    expect(pods[0]!.gpuSpec).toEqual([]);
  });

  it('reads the 5-column pod list (multigpu files)', () => {
    const pods = loadOpenbPods(fixture('pods-short.csv'));
    expect(pods.map((p) => [p.numGpu, p.gpuMilli, p.gpuSpec.length, p.creationTimeS])).toEqual([[8, 1000, 0, null], [1, 250, 0, null]]);
  });

  it('accepts a BOM, CRLF line ends and blank lines', () => {
    const file = csvFile('nodes.csv', `\ufeff${NODE_HEADER}\r\n\r\nn-0,1000,1024,8,T4\r\n`);
    expect(loadOpenbNodes(file)).toEqual([{ name: 'n-0', cpuMilli: 1000, memoryMib: 1024, gpus: 8, model: 'T4' }]);
  });

  const bad = [
    { name: 'a bad number names line and column', file: 'pods-bad-number.csv', err: /pods-bad-number\.csv:3: column memory_mib: expected a non-negative integer, got "lots"$/ },
    { name: 'wrong columns', file: 'pods-bad-header.csv', err: /pods-bad-header\.csv:1: unexpected columns "name,cpu,/ },
    { name: 'a short row', file: 'pods-short-row.csv', err: /pods-short-row\.csv:2: expected 5 columns, got 4$/ },
    { name: 'a multi-GPU task must ask whole GPUs', file: 'pods-bad-multigpu.csv', err: /:2: column gpu_milli: expected 1000 for a multi-GPU task, got "500"$/ },
    { name: 'a GPU task must ask some milli-GPU', file: 'pods-bad-zero-milli.csv', err: /:2: column gpu_milli: expected 1 to 1000 for a GPU task, got "0"$/ },
    { name: 'a CPU-only task asks no milli-GPU', file: 'pods-bad-cpu-milli.csv', err: /:3: column gpu_milli: expected 0 for a task without GPU, got "500"$/ },
    { name: 'a missing file', file: 'nope.csv', err: /nope\.csv: cannot read: no such file$/ },
  ];
  for (const c of bad) it(c.name, () => expect(() => loadOpenbPods(fixture(c.file))).toThrow(c.err));
});

describe('openb loader refuses hostile node lists with file:line: column', () => {
  const cases: { name: string; rows: string; want: string }[] = [
    { name: '1e8 GPUs on a node', rows: 'n-0,1000,1024,100000000,P100', want: '2: column gpu: expected at most 32 (the most GPUs a node may have), got "100000000"' },
    { name: '33 GPUs on a node', rows: 'n-0,1000,1024,33,P100', want: '2: column gpu: expected at most 32 (the most GPUs a node may have), got "33"' },
    { name: 'a negative GPU count', rows: 'n-0,1000,1024,-1,P100', want: '2: column gpu: expected a non-negative integer, got "-1"' },
    { name: 'GPUs as 1e3', rows: 'n-0,1000,1024,1e1,P100', want: '2: column gpu: expected a non-negative integer, got "1e1"' },
    { name: 'cpu beyond 2^53 millicores', rows: 'n-0,99999999999999999999999,1024,2,P100', want: '2: column cpu_milli: expected at most 9007199254740991 (2^53 - 1), got "99999999999999999999999"' },
    { name: 'cpu as a quantity', rows: 'n-0,64,1024,2,P100\nn-1,32Gi,1024,2,P100', want: '3: column cpu_milli: expected a non-negative integer, got "32Gi"' },
    { name: 'cpu in hex (Number() would take it)', rows: 'n-0,0x10,1024,2,P100', want: '2: column cpu_milli: expected a non-negative integer, got "0x10"' },
    { name: 'memory beyond 8 PiB', rows: 'n-0,1000,8589934592,2,P100', want: '2: column memory_mib: expected at most 8589934591 MiB (8 PiB, the most memory held exactly), got "8589934592"' },
    { name: 'NaN memory is quoted, not "null"', rows: 'n-0,1000,NaN,2,P100', want: '2: column memory_mib: expected a non-negative integer, got "NaN"' },
    { name: 'an empty node name', rows: ',1000,1024,2,P100', want: '2: column sn: expected a value, got ""' },
    { name: 'a node name that cannot be a hostname label', rows: 'n 0,1000,1024,2,P100', want: '2: column sn: expected a node name usable as a label value' },
    { name: 'a GPU model that cannot be a label', rows: 'n-0,1000,1024,2,P100/x', want: '2: column model: expected nothing or a label value' },
    { name: 'a node listed twice', rows: 'n-0,1000,1024,2,P100\nn-1,1,1,0,\nn-0,1,1,0,', want: '4: column sn: expected a node name not listed before (line 2 has it), got "n-0"' },
    { name: 'a row cut short', rows: 'n-0,1000,1024', want: '2: expected 5 columns, got 3' },
    { name: 'an unclosed quote', rows: 'n-0,1000,1024,2,"P100\nn-1,1,1,1,T4', want: '3: not valid CSV: Quote Not Closed' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const file = csvFile('nodes.csv', `${NODE_HEADER}\n${c.rows}\n`);
      expect(() => loadOpenbNodes(file)).toThrow(`${file}:${c.want}`);
    });
  }

  it('an empty file and a file of noise', () => {
    const empty = csvFile('empty.csv', '');
    expect(() => loadOpenbNodes(empty)).toThrow(`${empty}: empty file (expected a header row)`);
    const noise = csvFile('noise.csv', `${'x'.repeat(10_000)}\n`);
    const err = (() => { try { loadOpenbNodes(noise); } catch (e) { return e as Error; } return undefined; })();
    expect(err?.message).toMatch(new RegExp(`^${noise}:1: unexpected columns "x{10,}… \\(expected sn,cpu_milli,memory_mib,gpu,model\\)$`));
    expect(err!.message.length).toBeLessThanOrEqual(INPUT_LIMITS.errorChars);
  });

  it('a folder and a device are refused before reading', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openb-'));
    expect(() => loadOpenbNodes(dir)).toThrow(`${dir}: is a folder, expected a CSV file`);
    expect(() => loadOpenbNodes('/dev/zero')).toThrow('/dev/zero: is not a regular file');
  });

  it(`more than ${INPUT_LIMITS.scenarioNodes} nodes names the limit`, () => {
    const rows = Array.from({ length: INPUT_LIMITS.scenarioNodes + 1 }, (_, i) => `n${i},1,1,0,`).join('\n');
    const file = csvFile('nodes.csv', `${NODE_HEADER}\n${rows}\n`);
    expect(() => loadOpenbNodes(file)).toThrow(`${file}:${INPUT_LIMITS.scenarioNodes + 2}: more than ${INPUT_LIMITS.scenarioNodes} nodes, the limit for an openb node list`);
  });
});

describe('openb loader refuses hostile pod lists with file:line: column', () => {
  const ok = 'p-0,1000,1024,1,500,,LS,Running,10,20,15';
  const cases: { name: string; rows: string; want: string }[] = [
    { name: 'a negative cpu', rows: 'p-1,-5,1024,0,0,,LS,Running,,,', want: '2: column cpu_milli: expected a non-negative integer, got "-5"' },
    { name: 'a huge cpu', rows: 'p-1,1e30,1024,0,0,,LS,Running,,,', want: '2: column cpu_milli: expected a non-negative integer, got "1e30"' },
    { name: 'cpu past 2^53', rows: 'p-1,9007199254740993,1024,0,0,,LS,Running,,,', want: '2: column cpu_milli: expected at most 9007199254740991 (2^53 - 1), got "9007199254740993"' },
    { name: 'memory past 8 PiB', rows: `${ok}\np-1,1,99999999999999,0,0,,LS,Running,,,`, want: '3: column memory_mib: expected at most 8589934591 MiB' },
    { name: 'gpu_milli over one GPU', rows: 'p-1,1,1,1,1001,,LS,Running,,,', want: '2: column gpu_milli: expected at most 1000 (one whole GPU), got "1001"' },
    { name: 'a negative gpu_milli', rows: 'p-1,1,1,1,-500,,LS,Running,,,', want: '2: column gpu_milli: expected a non-negative integer, got "-500"' },
    { name: 'num_gpu 1e8', rows: 'p-1,1,1,100000000,1000,,LS,Running,,,', want: '2: column num_gpu: expected at most 32 (the most GPUs a node may have), got "100000000"' },
    { name: 'num_gpu in hex', rows: 'p-1,1,1,0x2,1000,,LS,Running,,,', want: '2: column num_gpu: expected a non-negative integer, got "0x2"' },
    { name: 'a hex creation time', rows: 'p-1,1,1,0,0,,LS,Running,0x10,20,', want: '2: column creation_time: expected a non-negative decimal number or nothing, got "0x10"' },
    { name: 'an exponent time', rows: 'p-1,1,1,0,0,,LS,Running,1e3,2000,', want: '2: column creation_time: expected a non-negative decimal number or nothing, got "1e3"' },
    { name: 'a negative creation time', rows: 'p-1,1,1,0,0,,LS,Running,-10,20,', want: '2: column creation_time: expected a non-negative decimal number or nothing, got "-10"' },
    { name: 'an Infinity deletion time', rows: 'p-1,1,1,0,0,,LS,Running,10,Infinity,', want: '2: column deletion_time: expected a non-negative decimal number or nothing, got "Infinity"' },
    { name: 'a huge deletion time', rows: `p-1,1,1,0,0,,LS,Running,10,${'9'.repeat(400)},`, want: '2: column deletion_time: expected at most 9007199254740991 (2^53 - 1), got "9999' },
    { name: 'deleted before created', rows: 'p-1,1,1,0,0,,LS,Running,20,10,', want: '2: column deletion_time: expected a time not before creation_time 20, got "10"' },
    { name: 'scheduled before created', rows: 'p-1,1,1,0,0,,LS,Running,20,30,5', want: '2: column scheduled_time: expected a time not before creation_time 20, got "5"' },
    { name: 'scheduled after deleted', rows: 'p-1,1,1,0,0,,LS,Running,20,30,40', want: '2: column scheduled_time: expected a time not after deletion_time 30, got "40"' },
    { name: 'an empty task name', rows: ' ,1,1,0,0,,LS,Running,,,', want: '2: column name: expected a value, got " "' },
    { name: 'a task name of 300 characters', rows: `${'p'.repeat(300)},1,1,0,0,,LS,Running,,,`, want: '2: column name: expected a task name of at most 253 characters, got "ppp' },
    { name: 'a row with an extra cell', rows: `${ok},x`, want: '2: expected 11 columns, got 12' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const file = csvFile('pods.csv', `${LONG_HEADER}\n${c.rows}\n`);
      const err = (() => { try { loadOpenbPods(file); } catch (e) { return e as Error; } return undefined; })();
      expect(err?.name).toBe('InputError');
      expect(err!.message.startsWith(`${file}:${c.want}`), err!.message).toBe(true);
      expect(err!.message.length).toBeLessThanOrEqual(INPUT_LIMITS.errorChars);
    });
  }

  it('times in order, fractions and empty cells are accepted', () => {
    const file = csvFile('pods.csv', `${LONG_HEADER}\np-0,1,1,0,0,,LS,Running,10.5,20,10.5\np-1,1,1,0,0,,LS,Pending,10,,\n`);
    expect(loadOpenbPods(file).map((p) => [p.creationTimeS, p.deletionTimeS, p.scheduledTimeS])).toEqual([[10.5, 20, 10.5], [10, null, null]]);
  });
});
