import { describe, expect, it } from 'vitest';
import { milliValue, nanoToMilliValue, nanoToValue, nanoValue, parseQuantity, QuantityError, unitValue } from './quantity.js';

// Expected values: apimachinery resource.Quantity semantics (quantity_test.go
// TestQuantityParse, TestParseQuantityString) or hand calculation written in the case.
describe('parseQuantity / milliValue / unitValue', () => {
  const cases: { name: string; text: string; milli: number; unit: number }[] = [
    { name: 'plain integer', text: '4000', milli: 4_000_000, unit: 4000 },
    { name: 'zero', text: '0', milli: 0, unit: 0 },
    { name: 'milli suffix', text: '500m', milli: 500, unit: 1 /* ceil(0.5) */ },
    { name: 'nano suffix rounds up to a milli', text: '5n', milli: 1, unit: 1 },
    { name: 'micro suffix', text: '1500u', milli: 2 /* ceil(1.5) */, unit: 1 },
    { name: 'kilo', text: '8k', milli: 8_000_000, unit: 8000 },
    { name: 'mega', text: '7M', milli: 7_000_000_000, unit: 7_000_000 },
    { name: 'giga', text: '6G', milli: 6e12, unit: 6e9 },
    { name: 'tera', text: '5T', milli: 5e15, unit: 5e12 },
    { name: 'peta (unit only fits)', text: '2P', milli: Number.NaN, unit: 2e15 },
    { name: 'exa in units is past 2^53', text: '1E', milli: Number.NaN, unit: Number.NaN },
    { name: 'Ki', text: '1Ki', milli: 1_024_000, unit: 1024 },
    { name: 'Mi', text: '1000Mi', milli: 1_048_576_000_000, unit: 1_048_576_000 },
    { name: 'Gi', text: '6Gi', milli: 6 * 2 ** 30 * 1000, unit: 6 * 2 ** 30 },
    { name: 'Ti', text: '5Ti', milli: 5 * 2 ** 40 * 1000, unit: 5 * 2 ** 40 },
    { name: 'Pi', text: '4Pi', milli: Number.NaN, unit: 4 * 2 ** 50 },
    { name: 'Ei does not fit 2^53', text: '3Ei', milli: Number.NaN, unit: Number.NaN },
    { name: 'exponent 1e3', text: '1e3', milli: 1_000_000, unit: 1000 },
    { name: 'exponent 1E-3 (E followed by digits is an exponent, not exa)', text: '1E-3', milli: 1, unit: 1 },
    { name: 'exponent with plus sign', text: '1.3E+6', milli: 1.3e9, unit: 1_300_000 },
    { name: 'fraction .5', text: '.5', milli: 500, unit: 1 },
    { name: 'fraction 1.', text: '1.', milli: 1000, unit: 1 },
    { name: 'fraction with suffix 1.G', text: '1.G', milli: 1e12, unit: 1e9 },
    { name: 'fraction 100.035k', text: '100.035k', milli: 100_035_000, unit: 100_035 },
    { name: 'fractional binary 0.5Mi', text: '0.5Mi', milli: 524_288_000, unit: 524_288 },
    { name: 'fractional binary 100.035Ki = 102435.84', text: '100.035Ki', milli: 102_435_840, unit: 102_436 },
    { name: 'MilliValue rounds up: 0.0001 -> 1m', text: '0.0001', milli: 1, unit: 1 },
    { name: 'MilliValue rounds up: 1.0001 -> 1001m', text: '1.0001', milli: 1001, unit: 2 },
    { name: 'below a nano rounds up to 1n (0.0000000001)', text: '0.0000000001', milli: 1, unit: 1 },
    { name: 'huge negative exponent still rounds up', text: '1e-4000', milli: 1, unit: 1 },
    { name: 'leading zeros', text: '0007', milli: 7000, unit: 7 },
    { name: 'explicit plus sign', text: '+3m', milli: 3, unit: 1 },
    { name: 'negative rounds away from zero', text: '-1.5', milli: -1500, unit: -2 },
    { name: 'kube reads a bare suffix as zero ("Mi")', text: 'Mi', milli: 0, unit: 0 },
    { name: 'kube reads "." as zero', text: '.', milli: 0, unit: 0 },
    { name: 'kube reads a lone sign as zero', text: '-', milli: 0, unit: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(() => parseQuantity(c.text)).not.toThrow();
      if (Number.isNaN(c.milli)) expect(() => milliValue(c.text)).toThrow(QuantityError);
      else expect(milliValue(c.text)).toBe(c.milli);
      if (Number.isNaN(c.unit)) expect(() => unitValue(c.text)).toThrow(QuantityError);
      else expect(unitValue(c.text)).toBe(c.unit);
    });
  }
});

describe('parseQuantity rejects what ParseQuantity rejects', () => {
  const bad: { name: string; text: string }[] = [
    { name: 'empty string', text: '' },
    { name: 'unknown suffix', text: '12x' },
    { name: 'two decimal points', text: '1.2.3' },
    { name: 'two points before a suffix', text: '1.1.M' },
    { name: 'sign inside the number', text: '1+1.0M' },
    { name: 'lower-case mi', text: '0.1mi' },
    { name: 'a before m', text: '0.1am' },
    { name: 'letters', text: 'aoeu' },
    { name: 'bare i suffix', text: '1i' },
    { name: 'i after a fraction', text: '.5i' },
    { name: 'exponent without digits', text: '-3.01e-' },
    { name: 'lone e', text: '1e' },
    { name: 'K alone is not a suffix', text: '1K' },
    { name: 'lower-case ki', text: '1ki' },
    { name: 'exponent beyond int32', text: '1e4294967297' },
    { name: 'leading whitespace', text: ' 1' },
    { name: 'trailing whitespace', text: '1 ' },
    { name: 'value beyond int64', text: '10e18' },
    { name: 'fractional exponent', text: '1e1.5' },
  ];
  for (const c of bad) it(c.name, () => expect(() => parseQuantity(c.text)).toThrow(QuantityError));
});

describe('nano values sum exactly before scaling', () => {
  const cases: { name: string; parts: string[]; milli: number; unit: number }[] = [
    // 0.5m + 0.5m = 1m exactly; scaling each first would give 2m.
    { name: 'two half millicores are one millicore', parts: ['0.5m', '0.5m'], milli: 1, unit: 1 },
    // 0.3 + 0.3 + 0.4 bytes = 1 byte; per-part ceil would give 3.
    { name: 'sub-byte memory sums to one byte', parts: ['0.3', '0.3', '0.4'], milli: 1000, unit: 1 },
    { name: 'binary plus decimal', parts: ['1Ki', '1k'], milli: 2_024_000, unit: 2024 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const sum = c.parts.reduce((acc, p) => acc + nanoValue(p), 0n);
      expect(nanoToMilliValue(sum)).toBe(c.milli);
      expect(nanoToValue(sum)).toBe(c.unit);
    });
  }
});
