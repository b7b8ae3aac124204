import { describe, expect, it } from 'vitest';
import { isExtendedResourceName, isScalarResourceName } from './resource-names.js';

describe('resource name classes (v1helper / schedutil)', () => {
  const cases: { name: string; extended: boolean; scalar: boolean }[] = [
    { name: 'cpu', extended: false, scalar: false },
    { name: 'pods', extended: false, scalar: false },
    { name: 'foo', extended: false, scalar: false },
    { name: 'example.com/aaa', extended: true, scalar: true },
    { name: 'nvidia.com/gpu', extended: true, scalar: true },
    { name: 'kubernetes.io/something', extended: false, scalar: true },
    { name: 'subdomain.kubernetes.io/something', extended: false, scalar: true },
    { name: 'hugepages-2Mi', extended: false, scalar: true },
    { name: 'attachable-volumes-aws-ebs', extended: false, scalar: true },
    { name: 'requests.example.com/foo', extended: false, scalar: false },
    { name: 'example.com/a/b', extended: false, scalar: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(isExtendedResourceName(c.name)).toBe(c.extended);
      expect(isScalarResourceName(c.name)).toBe(c.scalar);
    });
  }
});
