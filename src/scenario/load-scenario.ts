import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Document } from 'yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { ProfileSpec } from '../framework/profile.js';
import { defaultProfile } from '../framework/profile.js';
import { InputError } from '../model/errors.js';
import { readCsvColumn } from './csv-column.js';
import type { PluginCapabilities } from './kube-scheduler-config.js';
import { ConfigError, kubeSchedulerConfigurationSchema, profilesFromConfig } from './kube-scheduler-config.js';
import type { ScenarioInput } from './scenario-schema.js';
import { policySchema, scenarioSchema } from './scenario-schema.js';
import { shortPolicyProfile } from './short-policy.js';
import type { Scenario } from './types.js';

/** A parsed YAML/JSON file with positions, so errors can name lines. */
interface Source {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/**
 * Reads and validates a scenario file, resolving everything that refers elsewhere:
 * policy files (relative to the scenario), KubeSchedulerConfiguration profiles, seed
 * ranges, CSV-backed empirical distributions, snapshot paths; `checkProfile` (the
 * framework builder) rejects bad plugin args. Every error is an
 * InputError naming the file, the line, the path inside the file and what was expected.
 */
export function loadScenario(file: string, caps: PluginCapabilities, checkProfile?: (p: ProfileSpec) => void): Scenario {
  const src = parseSource(file);
  const s = validate(scenarioSchema, src, []);
  const dir = dirname(file);
  const seeds = typeof s.seeds === 'string' ? seedRange(s.seeds, src) : s.seeds;
  if (new Set(seeds).size !== seeds.length) fail(src, ['seeds'], 'seeds must be distinct');

  const policies: ProfileSpec[] = [];
  s.policies.forEach((p, i) => {
    for (const profile of policyProfiles(p, src, ['policies', i], dir, caps)) {
      if (policies.some((q) => q.name === profile.name)) fail(src, ['policies', i], `duplicate policy name ${JSON.stringify(profile.name)}`);
      // Plugin args and weights are checked by building the profile, here at the door.
      try {
        checkProfile?.(profile);
      } catch (e) {
        fail(src, ['policies', i], `policy ${profile.name}: ${(e as Error).message}`);
      }
      policies.push(profile);
    }
  });
  const baseline = s.baseline ?? policies[0]!.name;
  if (!policies.some((p) => p.name === baseline)) {
    fail(src, ['baseline'], `no policy named ${JSON.stringify(baseline)} (have ${policies.map((p) => p.name).join(', ')})`);
  }
  const names = new Set<string>();
  ('workloads' in s.workload ? s.workload.workloads : []).forEach((w, i) => {
    if (names.has(w.name)) fail(src, ['workload', 'workloads', i, 'name'], `duplicate workload name ${JSON.stringify(w.name)}`);
    names.add(w.name);
  });
  return {
    file,
    name: s.name,
    description: s.description ?? '',
    labels: s.labels ?? [],
    seeds,
    durationS: s.durationS,
    sampleEveryS: s.sampleEveryS ?? s.durationS / 100,
    cluster: 'generate' in s.cluster ? s.cluster
      : 'openb' in s.cluster ? { openb: { nodes: resolve(dir, s.cluster.openb.nodes) } }
        : { snapshot: s.cluster.snapshot.map((f) => resolve(dir, f)) },
    workload: 'workloads' in s.workload
      ? { ...s.workload, workloads: s.workload.workloads.map((w) => resolveDistributions(w, dir)) }
      : { openb: { ...s.workload.openb, pods: resolve(dir, s.workload.openb.pods) } },
    policies,
    baseline,
    nodeEvents: s.nodeEvents ?? [],
    placements: s.placements ?? false,
  };
}

function policyProfiles(p: z.infer<typeof policySchema>, src: Source, path: (string | number)[], dir: string, caps: PluginCapabilities): ProfileSpec[] {
  if (typeof p === 'string') {
    const file = resolve(dir, p);
    let inner: Source;
    try {
      inner = parseSource(file);
    } catch (e) {
      if (e instanceof InputError && e.where.line === undefined) fail(src, path, `policy file ${p}: ${e.problem}`);
      throw e;
    }
    const q = validate(policySchema, inner, []);
    if (typeof q === 'string') fail(inner, [], 'a policy file must hold a policy, not another file name');
    return policyProfiles(q, inner, [], dirname(file), caps);
  }
  if ('apiVersion' in p) {
    try {
      return profilesFromConfig(p, caps);
    } catch (e) {
      if (e instanceof ConfigError) fail(src, [...path, ...splitPath(e.path)], e.problem);
      throw e;
    }
  }
  try {
    return [shortPolicyProfile(p, defaultProfile(p.name))];
  } catch (e) {
    const [where, ...rest] = (e as Error).message.split(': ');
    return fail(src, [...path, ...splitPath(where!)], rest.join(': '));
  }
}

function resolveDistributions<T>(w: T, dir: string): T {
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (typeof v !== 'object' || v === null) return v;
    const o = v as Record<string, unknown>;
    if (o.kind === 'empirical-csv') return { kind: 'empirical', values: readCsvColumn(resolve(dir, String(o.file)), String(o.column)) };
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, visit(x)]));
  };
  return visit(w) as T;
}

function seedRange(text: string, src: Source): number[] {
  const [a, b] = text.split('-').map(Number) as [number, number];
  if (b < a) fail(src, ['seeds'], `empty range ${text}`);
  if (b - a > 1000) fail(src, ['seeds'], `at most 1001 seeds, got ${b - a + 1}`);
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

function parseSource(file: string): Source {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError({ file }, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const pos = err.linePos?.[0];
    throw new InputError({ file, line: pos?.line, path: pos ? `column ${pos.col}` : undefined }, `YAML syntax error: ${err.message.split('\n')[0]}`);
  }
  return { file, doc, lines };
}

function validate<T>(schema: z.ZodType<T>, src: Source, at: (string | number)[]): T {
  const value: unknown = src.doc.toJS();
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = bestIssue(r.error.issues);
  const path = [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  // An unknown field is best shown at the field itself.
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0]!);
  return fail(src, path, describeIssue(issue, value));
}

/**
 * For a union, zod reports the union; a branch says more. Branches that only miss their
 * own keys (the user wrote another branch) are passed over; of the rest, the deepest
 * issue wins.
 */
function bestIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  let best = issues[0]!;
  for (const i of issues) {
    if (i.code !== 'invalid_union') continue;
    let chosen: z.core.$ZodIssue | null = null;
    for (const branch of i.errors) {
      if (branch.every((b) => b.code === 'invalid_type' && /received undefined/.test(b.message) && b.path.length === 1)) continue;
      const inner = bestIssue(branch);
      const full = { ...inner, path: [...i.path, ...inner.path] };
      if (chosen === null || full.path.length > chosen.path.length) chosen = full;
    }
    if (chosen !== null && (best.code === 'invalid_union' || chosen.path.length > best.path.length)) best = chosen;
  }
  return best;
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  let got: unknown = root;
  for (const p of issue.path) got = got !== null && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[p as PropertyKey] : undefined;
  const shown = got === undefined ? 'nothing' : JSON.stringify(got)?.slice(0, 80);
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  return `${issue.message.replace(/^Invalid input: /, '')} (found ${shown})`;
}

function fail(src: Source, path: readonly (string | number)[], problem: string): never {
  let line: number | undefined;
  for (let n = path.length; n >= 0 && line === undefined; n--) {
    const node = src.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) line = src.lines.linePos(node.range[0]).line;
  }
  throw new InputError({ file: src.file, line, path: formatPath(path) || undefined }, problem);
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function splitPath(text: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

export type { ScenarioInput };
