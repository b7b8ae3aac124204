import { extname } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { InputError } from '../model/errors.js';
import { INPUT_LIMITS, formatBytes } from '../model/input-limits.js';
import { parseJson } from '../model/parse-json.js';
import { parseYaml, yamlToJs } from '../model/parse-yaml.js';
import { readInputFile } from '../model/read-input-file.js';

/**
 * A scenario or policy file read and parsed: its plain value, plus the YAML document and
 * line counter when there is one, so errors can name lines.
 */
export interface Source {
  readonly file: string;
  readonly value: unknown;
  /** null for a JSON file too big to parse as YAML (errors then name no line). */
  readonly doc: Document.Parsed | null;
  readonly lines: LineCounter | null;
}

/**
 * Reads a scenario or policy file (YAML, or JSON which is YAML too) with the sizes a
 * hostile file could blow up bounded: a `.json` file may have INPUT_LIMITS.scenarioJsonBytes,
 * anything else INPUT_LIMITS.yamlBytes (YAML costs ~100x more to parse); aliases and
 * nesting depth are bounded by yamlToJs. A JSON file larger than the YAML limit is read
 * with JSON.parse (no line numbers). One document per file.
 */
export function readSource(file: string): Source {
  const json = extname(file).toLowerCase() === '.json';
  const text = readInputFile(file, json
    ? { what: 'JSON scenario or policy', maxBytes: INPUT_LIMITS.scenarioJsonBytes }
    : { what: 'YAML or JSON', maxBytes: INPUT_LIMITS.yamlBytes, hint: `write it as JSON in a .json file for up to ${formatBytes(INPUT_LIMITS.scenarioJsonBytes)}` });
  if (text.length > INPUT_LIMITS.yamlBytes) return { file, value: parseJson(text, file), doc: null, lines: null };
  const { docs, lines } = parseYaml(text, file);
  if (docs.length > 1) {
    const at = docs[1]!.range[0];
    throw new InputError({ file, line: lines.linePos(at).line }, `holds ${docs.length} YAML documents, expected one`);
  }
  if (docs.length === 0) return { file, value: null, doc: null, lines };
  return { file, value: yamlToJs(docs[0]!, file), doc: docs[0]!, lines };
}

/** The line of the deepest node on `path` that the file has (undefined without a YAML document). */
export function lineOf(src: Source, path: readonly (string | number)[]): number | undefined {
  if (src.doc === null || src.lines === null) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = src.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return src.lines.linePos(node.range[0]).line;
  }
  return undefined;
}
