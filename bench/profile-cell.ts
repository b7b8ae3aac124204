import { microCells } from './micro-benchmarks.js';
import { scheduleOnePlacer } from './run-cell.js';
import { setupBench } from './setup.js';

/**
 * Runs one micro-benchmark cell's decision + bind loop for a while, without tinybench, so
 * a CPU profile shows where a cycle's time goes:
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile-cell.ts MixedRequests/5000Nodes/pct=100 [seconds]
 * Prints the cycles per second it measured.
 */
const [name, seconds = '5'] = process.argv.slice(2);
const cell = microCells().find((c) => c.name === name);
if (cell === undefined) {
  process.stderr.write(`profile-cell: no cell named ${String(name)} (cells: ${microCells().map((c) => c.name).join(', ')})\n`);
  process.exit(2);
}
const { state, scheduler, pods } = setupBench(cell.setup);
const place = cell.place ?? scheduleOnePlacer;
const until = performance.now() + Number(seconds) * 1000;
let cycles = 0;
const started = performance.now();
while (performance.now() < until) {
  for (let k = 0; k < 100; k++) {
    const pod = pods[cycles % pods.length]!;
    const node = place(state, scheduler, pod);
    if (node < 0) throw new Error(`${cell.name}: pod ${pod.name} did not fit`);
    state.bind(pod, node as never);
    state.unbind(pod, node as never);
    cycles++;
  }
}
process.stdout.write(`${cell.name}: ${cycles} cycles, ${(cycles / ((performance.now() - started) / 1000)).toFixed(0)} cycles/s\n`);
