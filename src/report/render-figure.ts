import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';

/** The formats `schedbench figures` writes. */
export type FigureFormat = 'svg' | 'png';

/**
 * The font PNG text is drawn with: resvg draws no text without one, and a fresh machine
 * may have none (Debian's fonts-dejavu-core puts it here; .ci/run installs it).
 */
export const FIGURE_FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/**
 * A chart as a figure file: SVG from vega's own headless renderer (no browser, no canvas:
 * text widths are estimated, and the same spec gives the same bytes), or PNG rasterized
 * from that SVG by resvg at `scale` times its size. The background is white, as on the
 * page. Text in the PNG uses the system's fonts, "sans-serif" mapped to DejaVu Sans.
 */
export async function renderFigure(spec: TopLevelSpec, format: FigureFormat, scale: number): Promise<string | Uint8Array> {
  const view = new View(parse(compile({ ...spec, background: 'white' } as TopLevelSpec).spec), { renderer: 'none' });
  let svg: string;
  try {
    svg = await view.toSVG(format === 'svg' ? scale : 1);
  } finally {
    view.finalize();
  }
  if (format === 'svg') return svg;
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      loadSystemFonts: true,
      ...(existsSync(FIGURE_FONT_FILE) ? { fontFiles: [FIGURE_FONT_FILE] } : {}),
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}
