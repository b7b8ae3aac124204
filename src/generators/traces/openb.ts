import { MAX_GPUS_PER_NODE, MILLI_PER_GPU } from '../../model/gpu-resources.js';
import { INPUT_LIMITS } from '../../model/input-limits.js';
import { isValidLabelValue } from '../../model/labels.js';
import type { OpenbCsvRow } from './openb-csv.js';
import { readOpenbCsv } from './openb-csv.js';

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

/** Largest cpu_milli: the model holds millicores exactly up to 2^53 - 1. */
const MAX_CPU_MILLI = Number.MAX_SAFE_INTEGER;
/** Largest memory_mib: the model holds memory in bytes, exactly below 2^53 (8 PiB). */
export const OPENB_MAX_MEMORY_MIB = Math.floor(Number.MAX_SAFE_INTEGER / 2 ** 20);
/** Largest time in seconds (creation, deletion, scheduled): 2^53 - 1. */
const MAX_TIME_S = Number.MAX_SAFE_INTEGER;
/** Longest task name (a pod name is a DNS subdomain, at most 253 characters). */
const MAX_POD_NAME = 253;
const SAFE_TEXT = '9007199254740991 (2^53 - 1)';
const MEMORY_TEXT = `${OPENB_MAX_MEMORY_MIB} MiB (8 PiB, the most memory held exactly)`;
const GPUS_TEXT = `${MAX_GPUS_PER_NODE} (the most GPUs a node may have)`;
const LABEL_VALUE_TEXT = 'a label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)';

/**
 * Reads an openb node list; throws InputError naming file, line and column. Refuses
 * counts past what the model holds: more than MAX_GPUS_PER_NODE GPUs, memory or cpu
 * beyond 2^53 in bytes or millicores, a node name twice, more than
 * INPUT_LIMITS.scenarioNodes nodes.
 */
export function loadOpenbNodes(file: string): OpenbNode[] {
  const lineOf = new Map<string, number>();
  return readOpenbCsv(file, {
    headers: [NODE_COLUMNS],
    maxRows: INPUT_LIMITS.scenarioNodes,
    rowsAre: 'nodes',
    listIs: 'an openb node list (as for a generated cluster)',
    row: (r): OpenbNode => {
      const name = r.text('sn', true);
      // The name becomes the kubernetes.io/hostname label, the model the GPU model label.
      if (!isValidLabelValue(name)) r.fail('sn', `a node name usable as ${LABEL_VALUE_TEXT}`);
      const first = lineOf.get(name);
      if (first !== undefined) r.fail('sn', `a node name not listed before (line ${first} has it)`);
      lineOf.set(name, r.line);
      const model = r.text('model', false);
      if (model !== '' && !isValidLabelValue(model)) r.fail('model', `nothing or ${LABEL_VALUE_TEXT}`);
      return {
        name,
        cpuMilli: r.int('cpu_milli', MAX_CPU_MILLI, SAFE_TEXT),
        memoryMib: r.int('memory_mib', OPENB_MAX_MEMORY_MIB, MEMORY_TEXT),
        gpus: r.int('gpu', MAX_GPUS_PER_NODE, GPUS_TEXT),
        model,
      };
    },
  }).rows;
}

/**
 * Reads an openb pod list, either width; throws InputError naming file, line and column.
 * Refuses what no task can be: a GPU request that is not whole GPUs or a share of one, more
 * GPUs than a node may have, cpu or memory beyond 2^53 in millicores or bytes, times
 * out of order (deleted before created, scheduled before created or after deleted), more
 * than INPUT_LIMITS.scenarioPods tasks.
 */
export function loadOpenbPods(file: string): OpenbPod[] {
  return readOpenbCsv(file, {
    headers: [POD_COLUMNS_LONG, POD_COLUMNS_SHORT],
    maxRows: INPUT_LIMITS.scenarioPods,
    rowsAre: 'tasks',
    listIs: 'an openb pod list (as for a scenario\'s pods)',
    row: (r, header): OpenbPod => podRow(r, header.length === POD_COLUMNS_LONG.length),
  }).rows;
}

function podRow(r: OpenbCsvRow, long: boolean): OpenbPod {
  const name = r.text('name', true);
  if (name.length > MAX_POD_NAME) r.fail('name', `a task name of at most ${MAX_POD_NAME} characters`);
  const cpuMilli = r.int('cpu_milli', MAX_CPU_MILLI, SAFE_TEXT);
  const memoryMib = r.int('memory_mib', OPENB_MAX_MEMORY_MIB, MEMORY_TEXT);
  const numGpu = r.int('num_gpu', MAX_GPUS_PER_NODE, GPUS_TEXT);
  const gpuMilli = r.int('gpu_milli', MILLI_PER_GPU, `${MILLI_PER_GPU} (one whole GPU)`);
  if (numGpu > 1 && gpuMilli !== MILLI_PER_GPU) r.fail('gpu_milli', `${MILLI_PER_GPU} for a multi-GPU task`);
  if (numGpu === 1 && gpuMilli === 0) r.fail('gpu_milli', `1 to ${MILLI_PER_GPU} for a GPU task`);
  if (numGpu === 0 && gpuMilli !== 0) r.fail('gpu_milli', '0 for a task without GPU');
  const spec = long ? r.text('gpu_spec', false) : '';
  const creationTimeS = long ? r.optNumber('creation_time', MAX_TIME_S, SAFE_TEXT) : null;
  const deletionTimeS = long ? r.optNumber('deletion_time', MAX_TIME_S, SAFE_TEXT) : null;
  const scheduledTimeS = long ? r.optNumber('scheduled_time', MAX_TIME_S, SAFE_TEXT) : null;
  if (creationTimeS !== null && deletionTimeS !== null && deletionTimeS < creationTimeS) {
    r.fail('deletion_time', `a time not before creation_time ${creationTimeS}`);
  }
  if (scheduledTimeS !== null && creationTimeS !== null && scheduledTimeS < creationTimeS) {
    r.fail('scheduled_time', `a time not before creation_time ${creationTimeS}`);
  }
  if (scheduledTimeS !== null && deletionTimeS !== null && scheduledTimeS > deletionTimeS) {
    r.fail('scheduled_time', `a time not after deletion_time ${deletionTimeS}`);
  }
  return {
    name,
    cpuMilli,
    memoryMib,
    numGpu,
    gpuMilli,
    // Empty alternatives ("A||B") are dropped, as the artifact's converter does.
    gpuSpec: spec.split('|').filter((m) => m !== ''),
    qos: long ? r.text('qos', false) : '',
    phase: long ? r.text('pod_phase', false) : '',
    creationTimeS,
    deletionTimeS,
    scheduledTimeS,
  };
}
