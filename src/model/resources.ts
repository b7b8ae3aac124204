/**
 * Resource dimensions. The first four are fixed; extended and hugepages resources
 * ("nvidia.com/gpu", "example.com/foo", "hugepages-2Mi") get ids as they are first seen.
 * Units: CPU in millicores, memory and ephemeral storage in bytes, everything else in
 * whole units (Quantity.Value()).
 */
export const CPU = 0;
export const MEMORY = 1;
export const EPHEMERAL_STORAGE = 2;
export const PODS = 3;
export const FIXED_DIMS = 4;

/** Scoring defaults for a container with no request (kube-scheduler util/pod_resources.go). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const FIXED_NAMES = ['cpu', 'memory', 'ephemeral-storage', 'pods'] as const;

/** Resource name <-> dimension id, for one run. */
export class ResourceTable {
  private readonly ids = new Map<string, number>(FIXED_NAMES.map((n, i) => [n, i]));
  private readonly names: string[] = [...FIXED_NAMES];

  /** The dimension id of `name`, creating one for a new extended resource. */
  intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }

  /** The dimension id if known; never creates one. */
  lookup(name: string): number | undefined {
    return this.ids.get(name);
  }

  name(id: number): string {
    const n = this.names[id];
    if (n === undefined) throw new Error(`unknown resource dimension ${id}`);
    return n;
  }

  get size(): number {
    return this.names.length;
  }

  /** A table with this one's dimensions, which then grows on its own (see ModelContext.copy). */
  copy(): ResourceTable {
    const t = new ResourceTable();
    for (const name of this.names) t.intern(name);
    return t;
  }
}

/**
 * True for what kube-scheduler calls a scalar resource (schedutil.IsScalarResourceName):
 * extended resources, hugepages and attachable-volume counts, i.e. not cpu, memory,
 * ephemeral-storage or pods.
 */
export function isScalarResource(id: number): boolean {
  return id >= FIXED_DIMS;
}

/** Milli (cpu) or whole units (everything else): how a quantity for `name` is scaled. */
export function isMilliResource(name: string): boolean {
  return name === 'cpu';
}
