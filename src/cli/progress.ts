import cliProgress from 'cli-progress';
import type { Cell, CellResult, SweepWatcher } from '../run/index.js';

/**
 * Progress of a sweep on stderr (stdout carries results): on a terminal (and CI unset)
 * one bar for the whole sweep with cells done, an ETA and what each worker runs; without
 * a terminal one plain line per finished cell, with the same facts, so logs stay
 * readable.
 */
export function sweepProgress(label: string): SweepWatcher {
  const tty = process.stderr.isTTY === true && !process.env.CI;
  let total = 0;
  let startDone = 0;
  let jobs = 1;
  let started = 0;
  const running: string[] = [];
  const eta = (done: number): string => {
    const ran = done - startDone;
    if (ran === 0) return '?';
    const left = ((performance.now() - started) / ran) * (total - done);
    return formatSeconds(left / 1000);
  };
  const workers = () => running.map((c, i) => (c === '' ? '' : jobs > 1 ? `w${i + 1} ${c}` : c)).filter((s) => s !== '').join(' · ');
  if (tty) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} cells | ETA {etaText} | {workers}`, hideCursor: true, clearOnComplete: true, linewrap: false },
      cliProgress.Presets.shades_classic,
    );
    let done = 0;
    return {
      start: (t, d, j) => {
        total = t; startDone = d; done = d; jobs = j; started = performance.now();
        running.length = 0;
        for (let i = 0; i < j; i++) running.push('');
        bar.start(t, d, { etaText: '?', workers: d > 0 ? `${d} resumed` : '' });
      },
      cellStart: (slot, cell) => { running[slot] = shortId(cell); bar.update(done, { etaText: eta(done), workers: workers() }); },
      cellDone: (slot, _cell, _r, d) => { done = d; running[slot] = ''; bar.update(d, { etaText: eta(d), workers: workers() }); },
      stop: () => bar.stop(),
    };
  }
  return {
    start: (t, d, j) => {
      total = t; startDone = d; jobs = j; started = performance.now();
      process.stderr.write(`${label}: ${t} cells on ${j} thread${j === 1 ? '' : 's'}${d > 0 ? `, ${d} already done (resumed)` : ''}\n`);
    },
    cellStart: () => {},
    cellDone: (slot, cell, r: CellResult, d) => {
      const who = jobs > 1 ? ` on worker ${slot + 1}` : '';
      process.stderr.write(`${label}: ${d}/${total} cells, ETA ${eta(d)}: ${shortId(cell)} done in ${(r.wallMs / 1000).toFixed(1)} s${who}\n`);
    },
    stop: () => {},
  };
}

/** scenario/policy/seed as written by the user (ids are percent-encoded). */
function shortId(cell: Cell): string {
  return cell.id.split('/').map(decodeURIComponent).join('/');
}

/** 75 -> "1:15", 3700 -> "1:01:40". */
function formatSeconds(s: number): string {
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
