import { describe, expect, it } from 'vitest';
import { testCluster } from '../testing/builders.js';
import * as volumeBinding from './volume-binding.js';

describe('VolumeBinding args', () => {
  const model = testCluster([]).model;
  const cases = [
    { name: 'defaults', args: {}, err: null },
    { name: 'bindTimeoutSeconds', args: { bindTimeoutSeconds: 600 }, err: null },
    { name: 'a negative bindTimeoutSeconds', args: { bindTimeoutSeconds: -1 }, err: /bindTimeoutSeconds: invalid BindTimeoutSeconds, should not be a negative value/ },
    { name: 'shape without StorageCapacityScoring', args: { shape: [{ utilization: 0, score: 0 }] }, err: /shape: unsupported when the StorageCapacityScoring feature gate is disabled/ },
    { name: 'an unknown field', args: { timeout: 1 }, err: /unknown field "timeout"/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const build = () => volumeBinding.create(c.args, { model });
      if (c.err === null) expect(build().name).toBe('VolumeBinding');
      else expect(build).toThrow(c.err);
    });
  }
});
