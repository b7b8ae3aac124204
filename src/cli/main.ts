import { Command, CommanderError } from 'commander';
import { ProfileError } from '../framework/profile-error.js';
import { InputError } from '../model/errors.js';
import { ReportError } from '../report/index.js';
import { registerConformance } from './conformance.js';
import { registerExplain } from './explain.js';
import { registerOpenb } from './openb.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';

/** The schedbench command line: one subcommand per job, --help on each. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('schedbench')
    .description('Benchmark Kubernetes-style scheduling algorithms: a kube-scheduler-faithful core in a discrete-event simulator, with CSV and HTML reports.')
    .showHelpAfterError()
    .exitOverride();
  registerConformance(program);
  registerExplain(program);
  registerOpenb(program);
  registerReport(program);
  registerRun(program);
  return program;
}

/** Runs the CLI; user errors print one line on stderr and exit 2, never a stack trace. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    if (e instanceof InputError || e instanceof ProfileError || e instanceof ReportError) {
      process.stderr.write(`schedbench: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw e;
  }
}

await main(process.argv);
