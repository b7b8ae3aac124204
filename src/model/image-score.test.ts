import { describe, expect, it } from 'vitest';
import { imageLocalityPriority, MB, scaledImageScore } from './image-score.js';

describe('ImageLocality arithmetic (imagelocality calculatePriority, scaledImageScore)', () => {
  // Hand calculations from the comments of kube's image_locality_test.go.
  const cases: { name: string; images: [sizeMb: number, numNodes: number][]; total: number; containers: number; want: number }[] = [
    { name: '40M/2 < 23M: min threshold', images: [[40, 1]], total: 2, containers: 2, want: 0 },
    { name: '100 * (250M/2 - 23M) / (1000M * 2 - 23M) = 5', images: [[250, 1]], total: 2, containers: 2, want: 5 },
    { name: '100 * ((40M + 300M)/2 - 23M) / (1000M * 2 - 23M) = 7', images: [[40, 1], [300, 1]], total: 2, containers: 2, want: 7 },
    { name: '4000M/2 >= 1000M * 2: max threshold', images: [[4000, 1]], total: 2, containers: 2, want: 100 },
    { name: '100 * (4000M/3 - 23M) / (1000M * 2 - 23M) = 66', images: [[4000, 1]], total: 3, containers: 2, want: 66 },
    { name: '100 * (600M * 2/3 + 900M * 2/3 - 23M) / (1000M * 3 - 23M) = 32', images: [[600, 2], [900, 2]], total: 3, containers: 3, want: 32 },
    { name: '100 * (300M/3 + 600M * 2/3 + 900M * 2/3 - 23M) / (1000M * 3 - 23M) = 36', images: [[300, 1], [600, 2], [900, 2]], total: 3, containers: 3, want: 36 },
    { name: '100 * (30M + 40M/2 - 23M) / (1000M * 2 - 23M) = 1', images: [[30, 2], [40, 1]], total: 2, containers: 2, want: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      let sum = 0;
      for (const [size, n] of c.images) sum += scaledImageScore(size * MB, n, c.total);
      expect(imageLocalityPriority(sum, c.containers, 100)).toBe(c.want);
    });
  }

  it('truncates the scaled size like int64(float64(size) * spread)', () => {
    // 10 * (1/3) = 3.333.. -> 3
    expect(scaledImageScore(10, 1, 3)).toBe(3);
  });
});
