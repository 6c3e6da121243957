/** --list: the scenarios, then each subject's variants and their settings. */
import { EXIT } from '../core/errors.ts';
import { listScenarioNames, loadScenario } from '../plan/scenario-load.ts';
import { allSubjects } from '../subjects/registry.ts';
import type { CliIo } from './io.ts';

export async function listCommand(io: CliIo): Promise<number> {
  io.stdout.write('Scenarios (npm run bench -- --scenario <name>):\n');
  for (const name of listScenarioNames()) {
    const { scenario } = await loadScenario(name);
    io.stdout.write(`  ${name.padEnd(22)} ${scenario.description}\n`);
  }
  for (const subject of allSubjects()) {
    io.stdout.write(`\n${subject.listHeading}:\n`);
    for (const [name, variant] of Object.entries(subject.variants)) {
      io.stdout.write(`  ${name.padEnd(22)} ${variant.description}\n`);
      for (const [setting, spec] of Object.entries(variant.settings)) {
        io.stdout.write(`  ${''.padEnd(22)}   setting ${setting} (default ${spec.default}): ${spec.meaning}\n`);
      }
    }
  }
  return EXIT.ok;
}
