import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import { KeyedNodeCache } from './keyed-node-cache.js';

describe('KeyedNodeCache', () => {
  it('keeps a value per key and node until the node changes', () => {
    const c = gpuCluster([{ name: 'a', gpus: 1 }, { name: 'b', gpus: 1 }]);
    const [a, b] = [c.node('a'), c.node('b')];
    const cache = new KeyedNodeCache();
    const k1 = cache.slot(c.state, 'k1');
    const k2 = cache.slot(c.state, 'k2');
    cache.set(k1, a, 1);
    cache.set(k2, a, 2);
    cache.set(k1, b, 3);
    expect([cache.get(k1, a), cache.get(k2, a), cache.get(k1, b), cache.get(k2, b)]).toEqual([1, 2, 3, Number.NaN]);
    c.bound('a', { gpus: 1, milli: 100 });
    expect([cache.get(k1, a), cache.get(k2, a), cache.get(k1, b)]).toEqual([Number.NaN, Number.NaN, 3]);
    expect(cache.slot(c.state, 'k1')).toBe(k1);
  });

  it('starts over for another view, when full, and when cleared', () => {
    const c = gpuCluster([{ name: 'a', gpus: 1 }]);
    const d = gpuCluster([{ name: 'a', gpus: 1 }]);
    const a = c.node('a');
    const cache = new KeyedNodeCache(2);
    cache.set(cache.slot(c.state, 'x'), a, 5);
    expect(cache.get(cache.slot(d.state, 'x'), a)).toBeNaN();
    cache.set(cache.slot(d.state, 'x'), a, 5);
    cache.slot(d.state, 'y');
    const z = cache.slot(d.state, 'z'); // a third key: everything is forgotten
    expect([z, cache.get(cache.slot(d.state, 'x'), a)]).toEqual([0, Number.NaN]);
    cache.set(cache.slot(d.state, 'x'), a, 6);
    cache.clear();
    expect(cache.get(cache.slot(d.state, 'x'), a)).toBeNaN();
  });
});
