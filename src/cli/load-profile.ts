import { z } from 'zod';
import type { ProfileSpec } from '../framework/profile.js';
import { kubePluginArgsProblem, kubePluginProblem } from '../model/kube-plugin-names.js';
import { defaultProfile } from '../framework/profile.js';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import type { Registry } from '../framework/types.js';
import { InputError, excerpt, formatPath } from '../model/errors.js';
import { describeIssue } from '../model/describe-issue.js';
import type { LoadedObject } from '../model/load-objects.js';
import { lineOf, loadObjects } from '../model/load-objects.js';
import type { ModelContext } from '../model/model-context.js';
import { ConfigError, kubeSchedulerConfigurationSchema, profilesFromConfig } from '../scenario/kube-scheduler-config.js';
import { shortPolicySchema } from '../scenario/scenario-schema.js';
import { shortPolicyProfile } from '../scenario/short-policy.js';

const profileSchema = z.strictObject({
  kind: z.literal('SchedbenchProfile').optional(),
  name: z.string().min(1),
  filter: z.array(z.string()),
  score: z.array(z.strictObject({ name: z.string(), weight: z.number().int().min(1) })),
  args: z.record(z.string(), z.unknown()).optional(),
  percentageOfNodesToScore: z.number().int().min(0).max(100).optional(),
});

/**
 * Reads a profile file (YAML or JSON): a KubeSchedulerConfiguration
 * (kubescheduler.config.k8s.io/v1; `schedulerName` picks a profile, default the first),
 * a scenario's short policy form (`extends: default` with changes), or schedbench's own
 * shape (name, filter, score, args, percentageOfNodesToScore).
 * Without a file, kube-scheduler's default profile.
 */
export function loadProfile(file: string | undefined, registry: Registry, model: ModelContext, schedulerName?: string): ProfileSpec {
  if (file === undefined) return defaultProfile();
  const profiles = loadProfiles(file, registry, model);
  const chosen = schedulerName === undefined ? profiles[0] : profiles.find((p) => p.name === schedulerName);
  if (chosen === undefined) {
    throw new InputError({ file }, `no profile with schedulerName ${excerpt(schedulerName)} (have ${profiles.slice(0, 10).map((p) => excerpt(p.name)).join(', ')})`);
  }
  return chosen;
}

/**
 * Every profile of a profile file, as a scenario's `policies` entry reads it: all the
 * profiles of a KubeSchedulerConfiguration (named by schedulerName), or the one profile
 * of the other forms.
 */
export function loadProfiles(file: string, registry: Registry, model: ModelContext): ProfileSpec[] {
  const objects = loadObjects(file, 'SchedbenchProfile');
  if (objects.length !== 1) throw new InputError({ file }, `expected one profile or KubeSchedulerConfiguration, found ${objects.length} objects`);
  const obj = objects[0]!;
  if (obj.kind === 'KubeSchedulerConfiguration') {
    const cfg = parse(kubeSchedulerConfigurationSchema, obj, file);
    try {
      return profilesFromConfig(cfg, registryCapabilities(registry, model));
    } catch (e) {
      if (e instanceof ConfigError) throw errorAt(obj, file, e.path, e.problem);
      throw e;
    }
  }
  if (typeof obj.object === 'object' && obj.object !== null && 'extends' in obj.object) {
    const short = parse(shortPolicySchema, obj, file);
    try {
      return [shortPolicyProfile(short, defaultProfile(short.name))];
    } catch (e) {
      // shortPolicyProfile says "disable[0]: problem"; the path goes before the problem.
      const [where, ...rest] = (e as Error).message.split(': ');
      throw errorAt(obj, file, where!, rest.join(': '));
    }
  }
  const { kind: _kind, ...spec } = parse(profileSchema, obj, file);
  refuseKubePlugins(spec, obj, file);
  return [spec];
}

/**
 * schedbench's own profile shape naming a kube-scheduler plugin schedbench cannot run
 * (not modelled, removed upstream, the simulator's job): refused here, where the line is
 * known, with the messages buildFramework would give.
 */
function refuseKubePlugins(spec: Omit<z.infer<typeof profileSchema>, 'kind'>, obj: LoadedObject, file: string): void {
  spec.filter.forEach((name, i) => {
    const problem = kubePluginProblem(name, 'filter');
    if (problem !== undefined) throw errorAt(obj, file, `filter[${i}]`, problem);
  });
  spec.score.forEach((s, i) => {
    const problem = kubePluginProblem(s.name, 'score');
    if (problem !== undefined) throw errorAt(obj, file, `score[${i}].name`, problem);
  });
  for (const name of Object.keys(spec.args ?? {})) {
    const problem = kubePluginArgsProblem(name);
    if (problem !== undefined) throw new InputError({ file, line: lineOf(obj, ['args', name]), path: formatPath(['args', name]) }, problem);
  }
}

/** An InputError at a field path written as text ("profiles[0].plugins.score.enabled[2].name"), with its line. */
function errorAt(obj: LoadedObject, file: string, path: string, problem: string): InputError {
  const parts = path.split(/[.[\]]+/).filter((k) => k !== '').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  return new InputError({ file, line: lineOf(obj, parts), path }, problem);
}

function parse<T>(schema: z.ZodType<T>, loaded: LoadedObject, file: string): T {
  const value = loaded.object;
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    // An unknown field is best shown at the field itself.
    const path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
    throw new InputError({ file, line: lineOf(loaded, path), path: formatPath(path) || undefined }, describeIssue(issue, value));
  }
  return r.data;
}
