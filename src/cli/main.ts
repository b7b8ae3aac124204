import { Command, CommanderError } from 'commander';
import { registerConformance } from './conformance.js';
import { registerExplain } from './explain.js';
import { registerFigures } from './figures.js';
import { registerMerge } from './merge.js';
import { registerOpenb } from './openb.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerWhatif } from './whatif.js';
import { InputError, oneLine, ProfileError, ReportError, schedbenchVersion, UserPluginError } from '../run/index.js';

/** The schedbench command line: one subcommand per job, --help on each. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('schedbench')
    .description('Benchmark Kubernetes-style scheduling algorithms: a kube-scheduler-faithful core in a discrete-event simulator, with CSV and HTML reports.')
    .version(schedbenchVersion(), '-V, --version', 'print the schedbench version')
    // A usage error is one line like every other error (subcommands inherit this).
    .configureOutput({ outputError: (text, write) => write(`schedbench: ${oneLine(text.trim().replace(/^error: /, '').replace(/\s*\n\s*/g, ' '))} (see --help)\n`) })
    .exitOverride();
  registerConformance(program);
  registerExplain(program);
  registerFigures(program);
  registerMerge(program);
  registerOpenb(program);
  registerReport(program);
  registerRun(program);
  registerWhatif(program);
  return program;
}

/** Commander's codes for --help and --version, which end well (exit 0). */
const HELP_CODES: ReadonlySet<string> = new Set(['commander.helpDisplayed', 'commander.version']);

/**
 * Runs the CLI; user errors print one line on stderr and exit 2, never a stack trace
 * (except a user plugin's own, after its line).
 * Usage errors (an unknown option, a missing argument, no subcommand) exit 2 as well;
 * commander has printed its one-line message already. --help and --version exit 0.
 */
export async function main(argv: readonly string[]): Promise<void> {
  if (argv.length <= 2) {
    // Commander would print the whole help on stderr; a usage error is one line.
    process.stderr.write('schedbench: expected a command: conformance, explain, figures, merge, openb, report, run or whatif (see --help)\n');
    process.exitCode = 2;
    return;
  }
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = HELP_CODES.has(e.code) || e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (e instanceof InputError || e instanceof ProfileError || e instanceof ReportError) {
      process.stderr.write(`schedbench: ${oneLine(e.message)}\n`);
      process.exitCode = 2;
      return;
    }
    // A user's plugin broke its contract: one line naming plugin, hook, pod and node, then its own stack.
    if (e instanceof UserPluginError) {
      process.stderr.write(`schedbench: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw e;
  }
}

await main(process.argv);
