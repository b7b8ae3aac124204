import type { CompiledPod } from '../model/pod.js';
import type { Framework } from './framework.js';
import type { NodeResultCache } from './node-result-cache.js';
import type { CycleContext, Plugin } from './types.js';
import { PASS, SKIP } from './types.js';

// The search tells a pass from a rejection by `verdict !== 0` without a branch.
if (PASS !== 0) throw new Error('filter-search: PASS must be 0');

const CHUNK_MIN = 32;
const CHUNK_MAX = 1024;

/**
 * The first filter pass of kube's RunFilterPluginsWithNominatedPods for nodes that have
 * nominated pods to respect: `check(node)` is -1 when the node passes with them added
 * (or has none), else the index of the filter that rejects it, with that verdict left in
 * `verdict`.
 */
export interface NominatedPass {
  check(node: number): number;
  verdict: number;
}

/** What one search found: feasible[0..found), rejected[0..rejected), nodes processed. */
export interface SearchResult {
  readonly found: number;
  readonly rejected: number;
}

/**
 * The feasible-node search of kube-scheduler's findNodesThatPassFilters, run in chunks:
 * nodes are taken in rotation order from `start`, each chunk goes through the filter
 * plugins one plugin at a time (a plugin's own filterMany loop can then inline its check),
 * and survivors of every filter are feasible. The result is exactly the node-by-node
 * search's: the first `want` feasible nodes in rotation order, every node before the last
 * of them rejected by the first filter (in profile order) that fails it, and nothing
 * counted past it. With `nominated`, a node must first pass with its nominated pods
 * added; a node that does not is charged to the filter that failed it then (kube reports
 * that pass's status). Scratch arrays are reused across cycles.
 */
export class FilterSearch {
  feasible = new Int32Array(0);
  rejectedNode = new Int32Array(0);
  rejectedPlugin = new Int32Array(0);
  rejectedVerdict = new Int32Array(0);
  private rejectedPos = new Int32Array(0);
  private readonly chunk = new Int32Array(CHUNK_MAX);
  private readonly pos = new Int32Array(CHUNK_MAX);
  private readonly verdicts = new Int32Array(CHUNK_MAX);
  /** The filter a cache asks for the verdicts it lacks, set before each fill (no closure per call). */
  private readonly current: { plugin: Plugin | null; cx: CycleContext | null; pod: CompiledPod | null; state: unknown } = {
    plugin: null, cx: null, pod: null, state: undefined,
  };
  private readonly computeCurrent = (ids: Int32Array, m: number, out: Int32Array): void => {
    const c = this.current;
    filterNodes(c.plugin!, c.cx!, c.pod!, ids, m, c.state, out);
  };

  run(
    fw: Framework, state: readonly unknown[], cx: CycleContext, pod: CompiledPod, order: Int32Array, start: number, want: number,
    caches?: readonly (NodeResultCache | null)[], nominated?: NominatedPass | null,
  ): SearchResult {
    const numAll = order.length;
    this.ensureCapacity(numAll);
    const { chunk, pos, verdicts, feasible, rejectedNode, rejectedPlugin, rejectedVerdict, rejectedPos } = this;
    const filters = fw.filters;
    let found = 0;
    let rejected = 0;
    let k = 0;
    while (k < numAll && found < want) {
      const size = Math.min(CHUNK_MAX, Math.max(CHUNK_MIN, want - found), numAll - k);
      // Nodes k..k+size of the rotation: at most two runs of `order`.
      let from = start + k;
      if (from >= numAll) from -= numAll;
      const firstRun = Math.min(size, numAll - from);
      for (let j = 0; j < firstRun; j++) chunk[j] = order[from + j]!;
      for (let j = firstRun; j < size; j++) chunk[j] = order[j - firstRun]!;
      // Positions are read only to cut the search inside this chunk, which can happen
      // only when it wants fewer nodes than the chunk holds (never when every node is
      // searched): otherwise they are not kept.
      const track = want - found < size;
      if (track) for (let j = 0; j < size; j++) pos[j] = k + j;
      const chunkRejectedFrom = rejected;
      let n = size;
      if (nominated) {
        let m = 0;
        for (let j = 0; j < n; j++) {
          const f = nominated.check(chunk[j]!);
          if (f < 0) {
            chunk[m] = chunk[j]!;
            if (track) pos[m] = pos[j]!;
            m++;
          } else {
            rejectedNode[rejected] = chunk[j]!;
            rejectedPlugin[rejected] = f;
            rejectedVerdict[rejected] = nominated.verdict;
            if (track) rejectedPos[rejected] = pos[j]!;
            rejected++;
          }
        }
        n = m;
      }
      // Filters in profile order (kube semantics): a node is charged to the first that fails it.
      for (let f = 0; f < filters.length && n > 0; f++) {
        const st = state[f];
        if (st === SKIP) continue;
        const p = filters[f]!;
        const cache = caches?.[f];
        if (cache && p.reuseVerdicts) {
          const c = this.current;
          c.plugin = p;
          c.cx = cx;
          c.pod = pod;
          c.state = st;
          cache.fill(cx.view, chunk, n, pod, st, p.reuseVerdicts, this.computeCurrent, verdicts);
        } else {
          filterNodes(p, cx, pod, chunk, n, st, verdicts);
        }
        // Without branches: in a busy cluster passes and rejections are mixed, and a branch
        // on each verdict mispredicts often. Every node is written to both lists and only
        // the count of its own list advances (both writes land at or below the node's own
        // position, within capacity). This filter's rejections are consecutive: their
        // plugin index is filled in once after the loop, not stored per node.
        const rejectedFrom = rejected;
        let m = 0;
        for (let j = 0; j < n; j++) {
          const v = verdicts[j]!;
          const node = chunk[j]!;
          const rejects = (v | -v) >>> 31; // 1 for any verdict but PASS (0)
          chunk[m] = node;
          rejectedNode[rejected] = node;
          rejectedVerdict[rejected] = v;
          if (track) {
            pos[m] = pos[j]!;
            rejectedPos[rejected] = pos[j]!;
          }
          m += rejects ^ 1;
          rejected += rejects;
        }
        rejectedPlugin.fill(f, rejectedFrom, rejected);
        n = m;
      }
      if (found + n > want) {
        // The search stops at the want-th feasible node: forget what lies past it
        // (`track` holds: n <= size).
        const take = want - found;
        const cut = pos[take - 1]!;
        let r = chunkRejectedFrom;
        for (let j = chunkRejectedFrom; j < rejected; j++) {
          if (rejectedPos[j]! > cut) continue;
          rejectedNode[r] = rejectedNode[j]!;
          rejectedPlugin[r] = rejectedPlugin[j]!;
          rejectedVerdict[r] = rejectedVerdict[j]!;
          rejectedPos[r] = rejectedPos[j]!;
          r++;
        }
        rejected = r;
        n = take;
      }
      for (let j = 0; j < n; j++) feasible[found + j] = chunk[j]!;
      found += n;
      k += size;
    }
    return { found, rejected };
  }

  private ensureCapacity(n: number): void {
    if (this.feasible.length >= n) return;
    const cap = Math.max(n, this.feasible.length * 2);
    this.feasible = new Int32Array(cap);
    this.rejectedNode = new Int32Array(cap);
    this.rejectedPlugin = new Int32Array(cap);
    this.rejectedVerdict = new Int32Array(cap);
    this.rejectedPos = new Int32Array(cap);
  }
}

/** One plugin's verdicts for nodes[0..count), through its batch hook when it has one. */
function filterNodes(p: Plugin, cx: CycleContext, pod: CompiledPod, nodes: Int32Array, count: number, st: unknown, out: Int32Array): void {
  if (p.filterMany) {
    p.filterMany(cx, pod, nodes, count, st, out);
    return;
  }
  const filter = p.filter!;
  for (let j = 0; j < count; j++) out[j] = filter(cx, pod, nodes[j] as never, st);
}
