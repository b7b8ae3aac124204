import { z } from 'zod';
import type { CompiledPod } from '../model/pod.js';
import { compilePod } from '../model/compile-pod.js';
import { ModelContext } from '../model/model-context.js';
import { ANY_IP } from '../model/ports.js';

/**
 * A kube-scheduler helper function whose unit test is transcribed as a helper vector
 * (FORMAT.md, "Helper vectors"), and what schedbench does in its place. schedbench has
 * no function of the same shape (it computes these once, when a pod is compiled), so
 * `run` answers through the compiled pod: exactly what the plugin later reads.
 */
export interface HelperUnderTest {
  /** The kube-scheduler plugin the helper belongs to. */
  readonly plugin: string;
  /** The helper's input, as the case gives it. */
  readonly input: z.ZodType;
  /** The helper's output, as kube's test expects it. */
  readonly expect: z.ZodType;
  /** schedbench's answer for a (valid) input, in the form `compared` puts `expect` in. */
  run(input: unknown): unknown;
  /** The expected output as it is compared (FORMAT.md says what is dropped or defaulted). */
  compared(expect: unknown): unknown;
}

const COMPILE = { defaultNamespace: '', apiValidation: false } as const;

/** A pod's compiled form, as the runner compiles every case pod. */
function compiled(raw: unknown, model: ModelContext): CompiledPod {
  return compilePod(raw, model, COMPILE);
}

/**
 * imagelocality.normalizedImageName: the name ImageLocality looks an image up by. Ours is
 * the image name a compiled pod carries (CompiledPod.images).
 */
const normalizedImageName: HelperUnderTest = {
  plugin: 'ImageLocality',
  input: z.string(),
  expect: z.string(),
  run(input) {
    const model = new ModelContext();
    const pod = compiled({ spec: { containers: [{ name: 'c', image: input }] } }, model);
    return model.symbols.text(pod.images[0]!);
  },
  compared: (expect) => expect,
};

const containerPortSchema = z.strictObject({
  containerPort: z.number().int().optional(),
  hostPort: z.number().int(),
  protocol: z.string().optional(),
  hostIP: z.string().optional(),
});

type ContainerPort = z.infer<typeof containerPortSchema>;

/** A host port as NodePorts' Filter sees it (HostPortInfo.sanitize: empty hostIP = 0.0.0.0, empty protocol = TCP). */
function sanitized(p: ContainerPort): { hostIP: string; protocol: string; hostPort: number } {
  return { hostIP: p.hostIP === undefined || p.hostIP === '' ? ANY_IP : p.hostIP, protocol: p.protocol === undefined || p.protocol === '' ? 'TCP' : p.protocol, hostPort: p.hostPort };
}

/**
 * nodeports.getContainerPorts(pods...): the container ports with a host port, pod by
 * pod, container by container. Ours is CompiledPod.hostPorts, which keeps only what
 * Filter compares (host IP, protocol, host port; not containerPort).
 */
const getContainerPorts: HelperUnderTest = {
  plugin: 'NodePorts',
  input: z.array(z.unknown()),
  expect: z.array(containerPortSchema),
  run(input) {
    const model = new ModelContext();
    const { symbols } = model;
    return (input as unknown[]).flatMap((raw) => compiled(raw, model).hostPorts.map((p) => ({ hostIP: symbols.text(p.ip), protocol: symbols.text(p.protocol), hostPort: p.port })));
  },
  compared: (expect) => (expect as ContainerPort[]).map(sanitized),
};

/** The helpers a helper vector may name (its `helper` field). */
export const HELPERS: ReadonlyMap<string, HelperUnderTest> = new Map([
  ['normalizedImageName', normalizedImageName],
  ['getContainerPorts', getContainerPorts],
]);
