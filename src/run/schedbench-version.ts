import pkg from '../../package.json' with { type: 'json' };

/** The version in package.json: printed by --version and part of every plan hash. */
export function schedbenchVersion(): string {
  // Imported, not read from disk relative to this file: the CLI's bundle (src/cli/compiled-sources.js) lives elsewhere.
  const v: unknown = (pkg as { version?: unknown }).version;
  return typeof v === 'string' ? v : 'unknown';
}
