/** Commander's collector for a repeatable option (`--plugin a.ts --plugin b.ts`): the values in order. */
export function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}
