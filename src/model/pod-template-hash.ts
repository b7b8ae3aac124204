/** The label kube's Deployment controller puts on a ReplicaSet, its selector and its pods. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/**
 * The `pod-template-hash` label value of a Deployment's generated ReplicaSet and pods.
 * kube's Deployment controller computes it as controller.ComputeHash: an FNV-1a 32-bit
 * hash of the pod template (printed by go-spew), the decimal digits of the sum mapped
 * through rand.SafeEncodeString's alphabet (no vowels, so no words). Go-spew's printing
 * cannot be reproduced here, so the hash is taken over the template as JSON with sorted
 * keys: the value differs from kube's, but has kube's shape and, as in kube, depends on
 * the template alone (not on the seed), so every pod of the workload carries the same one.
 */
export function podTemplateHash(template: unknown): string {
  return safeEncode(String(fnv1a32(canonicalJson(template))));
}

/** k8s.io/apimachinery/pkg/util/rand: the characters SafeEncodeString maps each byte to. */
const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** Mirrors rand.SafeEncodeString: each byte (here an ASCII digit) to SAFE_ALPHANUMS[byte % 27]. */
function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHANUMS[s.charCodeAt(i) % SAFE_ALPHANUMS.length];
  return out;
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text` (hash/fnv New32a). */
function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** JSON with object keys sorted at every level, so the hash does not depend on key order in the file. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
