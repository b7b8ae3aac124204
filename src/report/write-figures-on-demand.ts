import type { writeFigures as WriteFigures } from './write-figures.js';

/**
 * writeFigures, its module loaded on the first call: vega's runtime and the rasterizer
 * take about half a second to load, which every other command would otherwise pay at
 * start-up through the report's index.
 */
export async function writeFigures(...args: Parameters<typeof WriteFigures>): ReturnType<typeof WriteFigures> {
  const { writeFigures: write } = await import('./write-figures.js');
  return write(...args);
}
