import { describeIssue } from './describe-issue.js';
import { InputError, formatPath } from './errors.js';
import type { NodeInput } from './k8s-schema.js';
import { nodeSchema } from './k8s-schema.js';
import { compileLabels } from './labels.js';
import type { ModelContext } from './model-context.js';
import type { CompiledNode, NodeImage } from './node.js';
import { milliValue, unitValue } from './quantity.js';
import { compileTaints } from './taints.js';

/** Validates an unknown value as a v1 Node and compiles it; throws InputError naming the field. */
export function compileNode(raw: unknown, ctx: ModelContext, file?: string): CompiledNode {
  const name = (raw as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  const parsed = nodeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError({ file, object: `node ${typeof name === 'string' ? name : '(unnamed)'}`, path: formatPath(issue.path), pathParts: issue.path }, describeIssue(issue, raw));
  }
  return compileValidNode(parsed.data, ctx);
}

function compileValidNode(n: NodeInput, ctx: ModelContext): CompiledNode {
  const { symbols, resources } = ctx;
  const alloc = n.status?.allocatable ?? {};
  const ids = Object.keys(alloc).map((r) => resources.intern(r));
  const allocatable = new Float64Array(resources.size);
  Object.entries(alloc).forEach(([r, q], i) => {
    allocatable[ids[i]!] = r === 'cpu' ? milliValue(q) : unitValue(q);
  });
  const images: NodeImage[] = [];
  for (const img of n.status?.images ?? []) {
    for (const nm of img.names ?? []) images.push({ name: symbols.intern(nm), sizeBytes: img.sizeBytes ?? 0 });
  }
  return {
    name: symbols.intern(n.metadata.name),
    labels: compileLabels(n.metadata.labels, symbols),
    allocatable,
    taints: compileTaints(n.spec?.taints, symbols),
    unschedulable: n.spec?.unschedulable === true,
    images,
  };
}
