import cliProgress from 'cli-progress';

/** Reports progress of a long job: a bar on a terminal, plain lines otherwise (CI, pipes). */
export interface Progress {
  start(total: number, label: string): void;
  tick(done: number, detail: string): void;
  stop(): void;
}

/**
 * A bar on stderr when it is a terminal and CI is not set; one line per step otherwise,
 * so logs stay readable. Progress never goes to stdout, which carries results.
 */
export function makeProgress(): Progress {
  const tty = process.stderr.isTTY === true && !process.env.CI;
  if (tty) {
    const bar = new cliProgress.SingleBar(
      { format: '{label} [{bar}] {value}/{total} {detail}', hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let label = '';
    return {
      start: (total, l) => { label = l; bar.start(total, 0, { label, detail: '' }); },
      tick: (done, detail) => bar.update(done, { label, detail }),
      stop: () => bar.stop(),
    };
  }
  let total = 0;
  let label = '';
  return {
    start: (t, l) => { total = t; label = l; },
    tick: (done, detail) => process.stderr.write(`${label}: ${done}/${total} ${detail}\n`),
    stop: () => {},
  };
}
