/**
 * argv -> the command it names -> exit code. Each command lives in its own
 * file (run-command.ts, report-command.ts, list-command.ts,
 * calibrate-noise.ts); errors of the user's input end here as one line and
 * exit 2, anything else as an internal error with its stack.
 */
import { varbenchVersion } from '../core/environment.ts';
import { EXIT, VarbenchError } from '../core/errors.ts';
import { parseCommandLine, positiveInteger } from './args.ts';
import { calibrateNoise } from './calibrate-noise.ts';
import { timeCalibration } from './calibration-clock.ts';
import { helpText } from './help.ts';
import type { CliIo } from './io.ts';
import { listCommand } from './list-command.ts';
import { reportCommand } from './report-command.ts';
import { outDirOf, runCommand } from './run-command.ts';
import { createChildExecutor } from '../run/child-executor.ts';

export type { CliIo } from './io.ts';
export { joinNegativeValues } from './args.ts';

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine(argv);
    if (values.help) {
      io.stdout.write(helpText());
      return EXIT.ok;
    }
    if (values.version) {
      io.stdout.write(`${varbenchVersion()}\n`);
      return EXIT.ok;
    }
    if (values.list) return await listCommand(io);
    const [command, ...rest] = positionals;
    if (command === 'report') return reportCommand(rest[0], values.out, io);
    if (command === 'calibrate-noise') {
      return await calibrateNoise(
        {
          baseline: values.baseline,
          runs: positiveInteger(values.runs, '--runs'),
          repeats: positiveInteger(values.repeats, '--repeats'),
          outDir: outDirOf(values.out, io.env),
          gateValues: values,
        },
        { stdout: io.stdout, stderr: io.stderr, env: io.env, executor: io.executor ?? createChildExecutor(), calibrate: io.calibrate ?? timeCalibration },
      );
    }
    if (command !== undefined && command !== 'run') {
      throw new VarbenchError('USAGE', `Unknown command '${command}'. Commands: run (the default), report, calibrate-noise. Run with --help.`);
    }
    return await runCommand(values, io);
  } catch (error) {
    if (error instanceof VarbenchError) {
      io.stderr.write(`varbench: ${error.message}\n`);
      return error.exitCode;
    }
    // A bug of ours, not a bad input: say so, with the stack for a bug report.
    io.stderr.write(`varbench: unexpected internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.runFailed;
  }
}
