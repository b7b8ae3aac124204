import { oneLine } from '../run/index.js';

/** How the CLI shows a loader's warning: one line on stderr; the command goes on. */
export function warnOnStderr(message: string): void {
  process.stderr.write(`schedbench: warning: ${oneLine(message)}\n`);
}
