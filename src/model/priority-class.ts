import { z } from 'zod';
import { describeIssue } from './describe-issue.js';
import { InputError, excerpt, formatPath, pathPartsOf } from './errors.js';
import { objectMetaSchema } from './k8s-schema.js';
import type { PreemptionPolicy } from './pod.js';

/** A compiled scheduling.k8s.io/v1 PriorityClass (description is not kept). */
export interface PriorityClass {
  readonly name: string;
  /** The priority pods of this class get (int32). */
  readonly value: number;
  /** Pods naming no class get this one's value and name (at most one class has it). */
  readonly globalDefault: boolean;
  /** The pods' preemptionPolicy; the API server defaults it to PreemptLowerPriority. */
  readonly preemptionPolicy: PreemptionPolicy;
}

/** scheduling.HighestUserDefinablePriority: the largest value a class not named system-* may have. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

/**
 * The classes every cluster has, created by the API server itself
 * (pkg/apis/scheduling SystemPriorityClasses): system-node-critical 2000001000 and
 * system-cluster-critical 2000000000. Names starting with "system-" are reserved for them.
 */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClass[] = [
  { name: 'system-node-critical', value: 2_000_001_000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' },
  { name: 'system-cluster-critical', value: 2_000_000_000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' },
];

const SYSTEM_PREFIX = 'system-';
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

const priorityClassSchema = z.looseObject({
  apiVersion: z.literal('scheduling.k8s.io/v1').optional(),
  kind: z.literal('PriorityClass').optional(),
  metadata: objectMetaSchema.extend({ name: z.string().min(1, 'a PriorityClass needs metadata.name') }),
  value: z.number().int().min(INT32_MIN, `must be at least ${INT32_MIN} (an int32)`).max(INT32_MAX, `must be at most ${INT32_MAX} (an int32)`),
  globalDefault: z.boolean().nullish(),
  preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).nullish(),
  description: z.string().nullish(),
});

/**
 * Validates a scheduling.k8s.io/v1 PriorityClass as the API server does
 * (pkg/apis/scheduling/validation ValidatePriorityClass and the v1 defaults): value is
 * a required int32, at most HIGHEST_USER_DEFINABLE_PRIORITY unless the class is one of
 * the system classes (names starting with "system-" must be exactly one of them, with
 * its value and without globalDefault); preemptionPolicy defaults to
 * PreemptLowerPriority. Throws InputError naming the field.
 */
export function compilePriorityClass(raw: unknown, opts: { readonly file?: string } = {}): PriorityClass {
  const name = (raw as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  const object = `PriorityClass ${typeof name === 'string' ? name : '(unnamed)'}`;
  const parsed = priorityClassSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError({ file: opts.file, object, path: formatPath(issue.path), pathParts: issue.path }, describeIssue(issue, raw));
  }
  const p = parsed.data;
  const pc: PriorityClass = {
    name: p.metadata.name,
    value: p.value,
    globalDefault: p.globalDefault ?? false,
    preemptionPolicy: p.preemptionPolicy ?? 'PreemptLowerPriority',
  };
  const fail = (path: string, problem: string): never => {
    throw new InputError({ file: opts.file, object, path, pathParts: pathPartsOf(path) }, problem);
  };
  if (pc.name.startsWith(SYSTEM_PREFIX)) {
    const system = SYSTEM_PRIORITY_CLASSES.find((s) => s.name === pc.name);
    const why = system === undefined ? `${excerpt(pc.name)} is not a known system priority class`
      : system.value !== pc.value ? `value of ${pc.name} must be ${system.value}, got ${pc.value}`
        : pc.globalDefault ? `globalDefault of ${pc.name} must be false` : null;
    if (why !== null) fail('metadata.name', `priority class names with 'system-' prefix are reserved for system use only: ${why}`);
  } else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    fail('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}, got ${pc.value}`);
  }
  return pc;
}

/** What the Priority admission plugin resolves for one pod. */
export interface AdmittedPriority {
  /** spec.priorityClassName after admission ("" when no class applies). */
  readonly className: string;
  readonly priority: number;
  readonly preemptionPolicy: PreemptionPolicy;
}

/** The fields of a pod spec that priority admission reads. */
export interface PodPriorityFields {
  readonly priorityClassName?: string | null;
  readonly priority?: number | null;
  readonly preemptionPolicy?: PreemptionPolicy | null;
}

/**
 * The PriorityClasses of one cluster (the system classes always among them) and the
 * Priority admission plugin's resolution of a pod's priority
 * (plugin/pkg/admission/priority/admission.go admitPod).
 */
export class PriorityClasses {
  private readonly byName = new Map<string, PriorityClass>();
  private defaultClass: PriorityClass | null = null;

  constructor() {
    for (const s of SYSTEM_PRIORITY_CLASSES) this.byName.set(s.name, s);
  }

  /**
   * Adds a class. Throws InputError (path "globalDefault" or "metadata.name", no file:
   * the caller locates it) for a second globalDefault class, as the admission plugin's
   * validatePriorityClass refuses it, and for a name already taken (a system class may
   * be given again with its own values, as a dump of a cluster lists them).
   */
  add(pc: PriorityClass): void {
    const object = `PriorityClass ${pc.name}`;
    const existing = this.byName.get(pc.name);
    const isSystemAgain = existing !== undefined && SYSTEM_PRIORITY_CLASSES.includes(existing);
    if (existing !== undefined && !isSystemAgain) {
      throw new InputError({ object, path: 'metadata.name', pathParts: ['metadata', 'name'] }, `duplicate PriorityClass name ${excerpt(pc.name)}`);
    }
    if (pc.globalDefault) {
      if (this.defaultClass !== null) {
        throw new InputError({ object, path: 'globalDefault', pathParts: ['globalDefault'] }, `PriorityClass ${this.defaultClass.name} is already marked as default. Only one default can exist`);
      }
      this.defaultClass = pc;
    }
    this.byName.set(pc.name, pc);
  }

  /** The class of this name, or null. */
  get(name: string): PriorityClass | null {
    return this.byName.get(name) ?? null;
  }

  /** The class with globalDefault, or null. */
  get globalDefault(): PriorityClass | null {
    return this.defaultClass;
  }

  /** Every class, the system ones first, then in the order they were added. */
  list(): readonly PriorityClass[] {
    return [...this.byName.values()];
  }

  /**
   * Resolves a pod's priority as the Priority admission plugin does when the pod is
   * created: a named class must exist ("no PriorityClass with name X was found") and
   * gives its value and preemptionPolicy; a pod naming no class gets the globalDefault
   * class's name, value and policy, or priority 0 and PreemptLowerPriority. A
   * spec.priority or spec.preemptionPolicy that differs from what a class computed is
   * refused with admission's message. `fail` receives the field path and the problem.
   *
   * CAVEAT: a pod naming no class but carrying spec.priority is taken as already
   * admitted (a dump holds pods admitted before today's default class existed) and
   * keeps its priority and policy; kube's admission would compare them against the
   * default class at creation.
   */
  admit(spec: PodPriorityFields, fail: (path: string, problem: string) => never): AdmittedPriority {
    const named = spec.priorityClassName ?? '';
    if (named === '' && spec.priority !== null && spec.priority !== undefined) {
      return { className: '', priority: spec.priority, preemptionPolicy: spec.preemptionPolicy ?? 'PreemptLowerPriority' };
    }
    const pc = named === '' ? this.defaultClass : this.byName.get(named);
    if (pc === undefined) return fail('spec.priorityClassName', `no PriorityClass with name ${named} was found`);
    if (pc === null) return { className: '', priority: 0, preemptionPolicy: spec.preemptionPolicy ?? 'PreemptLowerPriority' };
    if (spec.priority !== null && spec.priority !== undefined && spec.priority !== pc.value) {
      fail('spec.priority', `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${pc.value} from the given PriorityClass name`);
    }
    if (spec.preemptionPolicy !== null && spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== pc.preemptionPolicy) {
      fail('spec.preemptionPolicy', `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${pc.preemptionPolicy} from the given PriorityClass name`);
    }
    return { className: pc.name, priority: pc.value, preemptionPolicy: pc.preemptionPolicy };
  }
}

/**
 * PriorityClasses from raw PriorityClass objects (a scenario's `priorityClasses`, for
 * example), the system classes included; errors name the file when given, the class and
 * the field.
 */
export function buildPriorityClasses(raws: readonly unknown[], opts: { readonly file?: string } = {}): PriorityClasses {
  const out = new PriorityClasses();
  for (const raw of raws) {
    const pc = compilePriorityClass(raw, opts);
    try {
      out.add(pc);
    } catch (e) {
      if (e instanceof InputError && opts.file !== undefined) throw e.inFile(opts.file);
      throw e;
    }
  }
  return out;
}
