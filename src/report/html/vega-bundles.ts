import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The browser builds of vega, vega-lite and vega-embed, as JavaScript source text. */
export interface VegaBundles {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

/**
 * Reads the three UMD bundles from node_modules. The packages' `exports` maps hide their
 * build files, but each package's main entry lives in its build/ folder, so the bundle is
 * found beside it. vega.min.js (not vega-core) because the core build needs d3 modules.
 */
export function loadVegaBundles(): VegaBundles {
  const require = createRequire(import.meta.url);
  const read = (pkg: string, file: string) => readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
  return {
    vega: read('vega', 'vega.min.js'),
    vegaLite: read('vega-lite', 'vega-lite.min.js'),
    vegaEmbed: read('vega-embed', 'vega-embed.min.js'),
  };
}
