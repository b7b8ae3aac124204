import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inTreeRegistry } from '../plugins/index.js';
import type { CaseResult } from './case-result.js';
import { describeMismatch } from './case-result.js';
import { runFolder } from './run-folder.js';

/** The one case of a one-file folder holding `file` (a vector file's JSON value) as `name`. */
function runOne(name: string, file: unknown): CaseResult {
  const dir = mkdtempSync(join(tmpdir(), 'vectors-'));
  writeFileSync(join(dir, name), JSON.stringify(file));
  return runFolder(dir, inTreeRegistry)[0]!.cases[0]!;
}

/** What a case came to: 'pass', its error, or its mismatches. */
function outcome(r: CaseResult): string {
  if (r.error !== null) return `error: ${r.error}`;
  return r.mismatches.length === 0 ? 'pass' : r.mismatches.map(describeMismatch).join('; ');
}

const cpu = (n: string) => [{ name: 'c', resources: { requests: { cpu: n } } }];
const node = (name: string, cpus: string) => ({ metadata: { name }, status: { allocatable: { cpu: cpus, pods: '10' } } });
const bound = (name: string, nodeName: string, priority: number, cpus: string, extra: Record<string, unknown> = {}) =>
  ({ metadata: { name, labels: { app: 'a' } }, spec: { nodeName, priority, containers: cpu(cpus) }, ...extra });

/** A DefaultPreemption case: pod p (priority 100, 1 CPU) on 1-CPU nodes n1 and n2, each full of a lower-priority pod. */
function preemption(patch: Record<string, unknown>): unknown {
  return {
    plugin: 'DefaultPreemption', source: 'test',
    cases: [{
      name: 'c', filters: ['NodeResourcesFit'],
      pod: { metadata: { name: 'p' }, spec: { priority: 100, containers: cpu('1') } },
      nodes: [node('n1', '1'), node('n2', '1')],
      existingPods: [bound('low', 'n1', 0, '1'), bound('mid', 'n2', 50, '1')],
      ...patch,
    }],
  };
}

const PDB = (status?: Record<string, unknown>) => ({ kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec: { selector: { matchLabels: { app: 'a' } }, minAvailable: 2 }, ...(status ? { status } : {}) });

describe('DefaultPreemption cases', () => {
  const cases: { name: string; patch: Record<string, unknown>; want: string }[] = [
    { name: 'the node with the lowest-priority victim', patch: { expect: { preemption: { node: 'n1', victims: ['low'] } } }, want: 'pass' },
    { name: 'a wrong node is a mismatch', patch: { expect: { preemption: { node: 'n2' } } }, want: 'preemption expected n2, got n1' },
    { name: 'any of several nodes', patch: { expect: { preemption: { anyNode: ['n2', 'n1'] } } }, want: 'pass' },
    { name: 'wrong victims', patch: { expect: { preemption: { node: 'n1', victims: ['mid'] } } }, want: 'node n1: victims expected mid, got low' },
    { name: 'no preemption for preemptionPolicy Never', patch: { pod: { metadata: { name: 'p' }, spec: { priority: 100, preemptionPolicy: 'Never', containers: cpu('1') } }, expect: { preemption: null } }, want: 'pass' },
    { name: 'a pod that fits somewhere is an error', patch: { nodes: [node('n1', '1'), node('n2', '2')], expect: { preemption: null } }, want: 'error: the pod fits node n2: PostFilter runs only when no node fits' },
    { name: 'candidates: every node, victims and PDB violations', patch: { expect: { candidates: [{ node: 'n1', victims: ['low'], numPdbViolations: 0 }, { node: 'n2', victims: ['mid'], numPdbViolations: 0 }] } }, want: 'pass' },
    {
      name: 'a budget whose given status the pods reproduce: its violations count',
      patch: { objects: [PDB({ disruptionsAllowed: 0 })], expect: { candidates: [{ node: 'n1', victims: ['low'], numPdbViolations: 1 }, { node: 'n2', victims: ['mid'], numPdbViolations: 1 }] } },
      want: 'pass',
    },
    {
      name: 'a budget without status is Go\'s zero value (0 allowed)',
      patch: { objects: [PDB()], expect: { candidates: [{ node: 'n1', victims: ['low'], numPdbViolations: 1 }, { node: 'n2', victims: ['mid'], numPdbViolations: 1 }] } },
      want: 'pass',
    },
    {
      name: 'a budget whose given status the pods do not reproduce is an error',
      patch: { objects: [PDB({ disruptionsAllowed: 3 })], expect: { preemption: { node: 'n1' } } },
      want: 'error: PodDisruptionBudget pdb: the case gives status.disruptionsAllowed 3, but its pods and spec give 0 (schedbench computes the status as the disruption controller does)',
    },
    {
      name: 'equal start times and priorities: the node whose victim started later (pickOneNodeForPreemption)',
      patch: {
        existingPods: [bound('early', 'n1', 0, '1', { status: { startTime: '1970-01-01T00:00:00.000000001Z' } }), bound('late', 'n2', 0, '1', { status: { startTime: '1970-01-01T00:00:00.000000002Z' } })],
        expect: { preemption: { node: 'n2', victims: ['late'] } },
      },
      want: 'pass',
    },
    {
      name: 'a malformed start time is an error naming it',
      patch: { existingPods: [bound('low', 'n1', 0, '1', { status: { startTime: 'yesterday' } })], expect: { preemption: { node: 'n1' } } },
      want: 'error: existingPods[0].status.startTime: expected an RFC 3339 time (e.g. "1970-01-01T00:00:00.000000001Z"), got "yesterday"',
    },
  ];
  for (const c of cases) it(c.name, () => expect(outcome(runOne('DefaultPreemption.json', preemption(c.patch)))).toBe(c.want));
});

describe('DefaultPreemption: expect.eligible', () => {
  const victim = (conditions: unknown[]) => bound('victim', 'n1', 0, '1', { metadata: { name: 'victim', deletionTimestamp: '1970-01-01T00:00:00Z' }, status: { conditions } });
  const byScheduler = { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' };
  const eligible = (conditions: unknown[], status: string | undefined, want: boolean) => preemption({
    filters: undefined,
    pod: { metadata: { name: 'p' }, spec: { priority: 100, containers: [] }, status: { nominatedNodeName: 'n1' } },
    existingPods: [victim(conditions)],
    ...(status === undefined ? {} : { nominatedNodeStatus: status }),
    expect: { eligible: want },
  });
  it('a victim the scheduler preempted still terminating: not eligible', () => expect(outcome(runOne('DefaultPreemption.json', eligible([byScheduler], undefined, false)))).toBe('pass'));
  it('the same with the nominated node UnschedulableAndUnresolvable: eligible', () => expect(outcome(runOne('DefaultPreemption.json', eligible([byScheduler], 'UnschedulableAndUnresolvable', true)))).toBe('pass'));
  it('a mismatch says what was expected', () => expect(outcome(runOne('DefaultPreemption.json', eligible([], undefined, false)))).toBe('eligible expected false, got true'));
});

describe('framework.RunFilterPluginsWithNominatedPods', () => {
  /** Pod p (priority 10, 1 CPU) on n1 (2 CPUs, 1 used); a 1-CPU pod of `priority` nominated to `nominatedTo`. */
  const vector = (priority: number, nominatedTo: string, want: string) => ({
    framework: 'RunFilterPluginsWithNominatedPods', source: 'test',
    cases: [{
      name: 'c', filters: ['NodeResourcesFit'],
      pod: { metadata: { name: 'p' }, spec: { priority: 10, containers: cpu('1') } },
      nodes: [node('n1', '2')],
      existingPods: [bound('running', 'n1', 0, '1')],
      nominatedPods: [{ metadata: { name: 'nominated' }, spec: { priority, containers: cpu('1') }, status: { nominatedNodeName: nominatedTo } }],
      expect: { filter: { n1: want } },
    }],
  });
  const cases = [
    { name: 'a nominated pod of higher priority takes the room', priority: 20, to: 'n1', want: 'Unschedulable', got: 'pass' },
    { name: 'one of equal priority too', priority: 10, to: 'n1', want: 'Unschedulable', got: 'pass' },
    { name: 'one of lower priority is not respected', priority: 5, to: 'n1', want: 'Success', got: 'pass' },
    { name: 'a mismatch names the node', priority: 20, to: 'n1', want: 'Success', got: 'node n1: filter expected Success, got Unschedulable' },
    { name: 'a nominated node that does not exist is an error', priority: 20, to: 'n9', want: 'Success', got: 'error: nominatedPods[0] (nominated): status.nominatedNodeName must name a node of the case' },
  ];
  for (const c of cases) it(c.name, () => expect(outcome(runOne('framework.json', vector(c.priority, c.to, c.want)))).toBe(c.got));
});
