/**
 * v1.PersistentVolumeAccessMode as bits, so that "every mode the claim asks for is in the
 * volume's" (component-helpers CheckAccessModes) is one mask test.
 */
export const READ_WRITE_ONCE = 1;
export const READ_ONLY_MANY = 2;
export const READ_WRITE_MANY = 4;
export const READ_WRITE_ONCE_POD = 8;

/** The API's names, in the order of the bits. */
export const ACCESS_MODE_NAMES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;

export type AccessModeName = (typeof ACCESS_MODE_NAMES)[number];

/** The bits of a list of mode names (duplicates are harmless). */
export function accessModeBits(modes: readonly AccessModeName[]): number {
  let bits = 0;
  for (const m of modes) bits |= 1 << ACCESS_MODE_NAMES.indexOf(m);
  return bits;
}

/** component-helpers storage/volume CheckAccessModes: every mode of the claim is a mode of the volume. */
export function accessModesSatisfied(claimModes: number, volumeModes: number): boolean {
  return (claimModes & volumeModes) === claimModes;
}

/**
 * What the API server's validation says about a claim's or volume's access modes
 * (ValidateAccessModes / validatePersistentVolumeAccessModes): at least one, and
 * ReadWriteOncePod alone. null when they are fine.
 */
export function accessModesProblem(modes: readonly AccessModeName[]): string | null {
  if (modes.length === 0) return 'at least 1 access mode is required';
  if (modes.includes('ReadWriteOncePod') && new Set(modes).size > 1) return 'may not use ReadWriteOncePod with other access modes';
  return null;
}
