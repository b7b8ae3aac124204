import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelContext } from '../model/model-context.js';
import { READ_WRITE_ONCE } from '../model/access-modes.js';
import { loadCluster } from './load-cluster.js';

const dir = mkdtempSync(join(tmpdir(), 'schedbench-storage-'));
let n = 0;
/** Writes YAML documents to a fresh file and returns its path. */
function file(...docs: string[]): string {
  const f = join(dir, `c${n++}.yaml`);
  writeFileSync(f, docs.join('\n---\n'));
  return f;
}

const NODE = `kind: Node
metadata: { name: n1, labels: { topology.kubernetes.io/zone: a } }
status: { allocatable: { cpu: "4", memory: 8Gi, pods: "110" } }`;
const CLASS = `kind: StorageClass
metadata: { name: zonal }
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer`;
const CLAIM = (cls: string, extra = '') => `kind: PersistentVolumeClaim
metadata: { name: data, namespace: db }
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: ${cls}
  resources: { requests: { storage: 10Gi } }${extra}`;

describe('loadCluster: storage objects', () => {
  it('reads claims, volumes, classes, CSI nodes, drivers and capacities, whatever their order', () => {
    const model = new ModelContext();
    const { state } = loadCluster([file(CLAIM('zonal'), CLASS, `kind: PersistentVolume
metadata: { name: pv1, labels: { topology.kubernetes.io/zone: a } }
spec: { capacity: { storage: 20Gi }, accessModes: [ReadWriteOnce], storageClassName: zonal }
status: { phase: Available }`, `kind: CSINode
metadata: { name: n1 }
spec: { drivers: [{ name: ebs.csi.aws.com, nodeID: i-1, topologyKeys: [topology.kubernetes.io/zone], allocatable: { count: 25 } }] }`, NODE,
    `kind: CSIDriver
metadata: { name: ebs.csi.aws.com }
spec: { storageCapacity: true }`, `kind: CSIStorageCapacity
metadata: { name: cap1, namespace: kube-system }
storageClassName: zonal
capacity: 100Gi
nodeTopology: { matchLabels: { topology.kubernetes.io/zone: a } }`)], model);
    const s = state.storage;
    const claim = s.claim(model.symbols.intern('db'), 'data')!;
    expect(claim).toMatchObject({ storageClassName: 'zonal', accessModes: READ_WRITE_ONCE, requestBytes: 10 * 2 ** 30, volumeName: '' });
    expect(s.volume('pv1')).toMatchObject({ capacityBytes: 20 * 2 ** 30, phase: 'Available' });
    expect(s.storageClass('zonal')?.volumeBindingMode).toBe('WaitForFirstConsumer');
    expect(s.csiNode(model.symbols.intern('n1'))?.attachLimits.get('ebs.csi.aws.com')).toBe(25);
    expect(s.csiDriver('ebs.csi.aws.com')?.storageCapacity).toBe(true);
    expect(s.capacities()[0]?.capacityBytes).toBe(100 * 2 ** 30);
  });

  it('compiles a pod\'s claims, ephemeral volumes and exclusive disks, and counts the bound pods using each claim', () => {
    const model = new ModelContext();
    const { state } = loadCluster([file(NODE, CLASS, CLAIM('zonal'), `kind: Pod
metadata: { name: p, namespace: db }
spec:
  nodeName: n1
  containers: [{ name: c }]
  volumes:
  - { name: d, persistentVolumeClaim: { claimName: data } }
  - { name: scratch, ephemeral: { volumeClaimTemplate: { spec: {} } } }
  - { name: pd, gcePersistentDisk: { pdName: disk-1 } }
  - { name: rbd, rbd: { monitors: [m1], image: img } }
  - { name: cfg, configMap: { name: x } }`)], model);
    const pod = state.pod(state.podsOn(0 as never)[0]!);
    expect(pod.volumes.claims).toEqual([{ name: 'data', ephemeral: false }, { name: 'p-scratch', ephemeral: true }]);
    expect(pod.volumes.disks).toEqual([{ kind: 'gcePersistentDisk', pdName: 'disk-1', readOnly: false }, { kind: 'rbd', monitors: ['m1'], pool: 'rbd', image: 'img', readOnly: false }]);
    expect(state.storage.claimUsers(model.symbols.intern('db'), 'data')).toBe(1);
    state.unbind(pod, 0 as never);
    expect(state.storage.claimUsers(model.symbols.intern('db'), 'data')).toBe(0);
  });

  const bad = [
    { name: 'an unbound claim naming a missing class', docs: [NODE, CLAIM('nope')], err: /c\d+\.yaml:9: PersistentVolumeClaim db\/data: spec\.storageClassName: StorageClass "nope" is not in the cluster/ },
    {
      name: 'a volume whose node affinity can match no node', docs: [NODE, `kind: PersistentVolume
metadata: { name: pv1 }
spec:
  capacity: { storage: 1Gi }
  accessModes: [ReadWriteOnce]
  nodeAffinity: { required: { nodeSelectorTerms: [{}] } }`], err: /c\d+\.yaml:\d+: PersistentVolume pv1: spec\.nodeAffinity\.required\.nodeSelectorTerms: no term can match any node/,
    },
    {
      name: 'a negative attach count', docs: [NODE, `kind: CSINode
metadata: { name: n1 }
spec: { drivers: [{ name: d, allocatable: { count: -1 } }] }`], err: /c\d+\.yaml:7: CSINode n1: spec\.drivers\[0\]\.allocatable\.count: .*greater than or equal to 0/,
    },
    { name: 'a negative storage request', docs: [NODE, CLASS, CLAIM('zonal').replace('10Gi', '-1Gi')], err: /PersistentVolumeClaim db\/data: spec\.resources\.requests\.storage: must be greater than or equal to 0, got "-1Gi"/ },
    {
      name: 'a CSINode for a node that does not exist', docs: [NODE, `kind: CSINode
metadata: { name: ghost }
spec: { drivers: [] }`], err: /c\d+\.yaml:6: CSINode ghost: metadata\.name: node "ghost" is not in the cluster/,
    },
    { name: 'a claim without access modes', docs: [NODE, CLASS, CLAIM('zonal').replace('[ReadWriteOnce]', '[]')], err: /spec\.accessModes: at least 1 access mode is required/ },
    { name: 'two claims of one name', docs: [NODE, CLASS, CLAIM('zonal'), CLAIM('zonal')], err: /PersistentVolumeClaim db\/data: duplicate PersistentVolumeClaim/ },
    {
      name: 'a pod volume without a claim name', docs: [NODE, `kind: Pod
metadata: { name: p }
spec: { containers: [{ name: c }], volumes: [{ name: v, persistentVolumeClaim: { claimName: "" } }] }`], err: /pod default\/p: spec\.volumes\[0\]\.persistentVolumeClaim\.claimName: claimName must not be empty/,
    },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}, naming file, line and field`, () => {
      expect(() => loadCluster([file(...c.docs)], new ModelContext())).toThrow(c.err);
    });
  }
});
