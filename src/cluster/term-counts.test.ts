import { describe, expect, it } from 'vitest';
import type { NodeId } from '../model/ids.js';
import { compileLabelSelector } from '../model/labels.js';
import { testCluster } from '../testing/builders.js';
import { LabelPostings } from './label-postings.js';
import { TermCounts } from './term-counts.js';
import { TopologyDomains } from './topology-domains.js';

function setup() {
  const c = testCluster([
    { name: 'n0', labels: { zone: 'a' } }, { name: 'n1', labels: { zone: 'a' } }, { name: 'n2', labels: { zone: 'b' } },
  ]);
  const postings = new LabelPostings();
  const pods = ['x', 'x', 'y', 'z'].map((app, i) => {
    const p = c.bound({ name: `p${i}`, namespace: 'ns', labels: { app }, nodeName: `n${i % 3}` });
    postings.add(p);
    return p;
  });
  const sel = (app: string) => compileLabelSelector({ matchLabels: { app } }, c.model.symbols, () => { throw new Error(); });
  return { c, postings, pods, sel };
}

describe('TermCounts', () => {
  it('interns equal terms once and counts per node and per zone (hand count)', () => {
    const { c, postings, sel } = setup();
    const terms = new TermCounts(c.state, postings);
    const a = terms.acquire([{ selector: sel('x'), namespaces: null }], false);
    const b = terms.acquire([{ selector: sel('x'), namespaces: null }], false);
    expect(b).toBe(a);
    expect(terms.size).toBe(1);
    // x pods: p0 on n0, p1 on n1 -> zone a holds 2, zone b none.
    expect(Array.from(a.nodeCounts(c.state.nodeCapacity).subarray(0, 3))).toEqual([1, 1, 0]);
    const zone = new TopologyDomains(c.state).forKey(c.model.symbols.intern('zone'));
    const t = a.tally(zone);
    expect([t.counts[zone.lookup(c.model.symbols.intern('a'))], t.counts[zone.lookup(c.model.symbols.intern('b'))], t.total]).toEqual([2, 0, 2]);
  });

  it('drops the least recently acquired half beyond maxTerms and recounts a dropped term on demand', () => {
    const { c, postings, pods, sel } = setup();
    const terms = new TermCounts(c.state, postings, 2);
    const x = terms.acquire([{ selector: sel('x'), namespaces: null }], false);
    terms.acquire([{ selector: sel('y'), namespaces: null }], false);
    terms.acquire([{ selector: sel('z'), namespaces: null }], false);
    expect(terms.size).toBe(1);
    // A dropped term no longer follows binds; acquiring it again counts afresh.
    c.state.unbind(pods[0]!, 0 as NodeId);
    postings.remove(pods[0]!);
    terms.podChanged(pods[0]!, 0 as NodeId, -1);
    const again = terms.acquire([{ selector: sel('x'), namespaces: null }], false);
    expect(again).not.toBe(x);
    expect(again.total).toBe(1);
  });
});
