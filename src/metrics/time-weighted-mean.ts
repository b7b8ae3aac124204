/**
 * Mean of a step function over [times[0], endS]: value i holds from times[i] until
 * times[i + 1] (the last until endS). NaN when the span is empty. NaN values are skipped
 * together with their span.
 */
export function timeWeightedMean(times: readonly number[], values: readonly number[], endS: number): number {
  let area = 0;
  let span = 0;
  for (let i = 0; i < times.length; i++) {
    const until = i + 1 < times.length ? times[i + 1]! : endS;
    const dt = until - times[i]!;
    if (dt <= 0 || !Number.isFinite(values[i]!)) continue;
    area += values[i]! * dt;
    span += dt;
  }
  return span > 0 ? area / span : Number.NaN;
}
