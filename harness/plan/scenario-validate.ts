/**
 * Checks a scenario (ours or a user's file) before anything runs, and lists
 * every problem with its field path, what was expected and what was found.
 * The common fields are checked here; the subject named by `subject` checks
 * its own fields and its variants' settings (harness/subjects/subject.ts).
 */
import { VarbenchError } from '../core/errors.ts';
import { checkKnownKeys, checkNumber, checkString, type FieldProblems } from '../core/field-checks.ts';
import { describeValue, isRecord } from '../core/input-values.ts';
import { allSubjects, findSubject } from '../subjects/registry.ts';
import type { AnySubject } from '../subjects/subject.ts';
import type { Scenario } from '../core/scenario.ts';

/** The fields every scenario has, whatever its subject (plan/scenario.ts ScenarioBase). */
export const COMMON_SCENARIO_FIELDS = ['name', 'description', 'subject', 'repeats', 'variants', 'settings', 'timeoutMs'] as const;

/** Finds the subject a scenario names; undefined when none is registered under that name. */
export type SubjectLookup = (name: string) => AnySubject | undefined;

/** Returns the scenario typed, or throws INVALID_SCENARIO listing every problem. */
export function validateScenario(
  value: unknown,
  source: string,
  subjects: SubjectLookup = findSubject,
  knownSubjects: readonly string[] = allSubjects().map((subject) => subject.name),
): Scenario {
  const problems: FieldProblems = [];
  if (!isRecord(value)) {
    throw new VarbenchError(
      'INVALID_SCENARIO',
      `Invalid scenario in ${source}: the default export must be a scenario object (use defineScenario({...})), got ${describeValue(value)}.`,
    );
  }
  const subject = typeof value.subject === 'string' ? subjects(value.subject) : undefined;
  if (subject === undefined) {
    problems.push(`subject: expected ${knownSubjects.map((s) => `'${s}'`).join(' or ')}, got ${describeValue(value.subject)}`);
  } else {
    checkKnownKeys(problems, value, '', [...COMMON_SCENARIO_FIELDS.slice(0, 3), ...subject.scenarioFields, ...COMMON_SCENARIO_FIELDS.slice(3)]);
    checkCommon(problems, value);
    subject.validateScenario(problems, value);
    checkVariantsAndSettings(problems, value, subject);
  }
  if (problems.length > 0) {
    throw new VarbenchError(
      'INVALID_SCENARIO',
      `Invalid scenario in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        `Fix the fields above; scenarios/mixed-70-20-10.ts and scenarios/balance-small.ts are complete examples.`,
    );
  }
  return value as unknown as Scenario;
}

function checkCommon(problems: FieldProblems, value: Record<string, unknown>): void {
  checkString(problems, value.name, 'name', /^[a-z0-9][a-z0-9._-]*$/, 'a name of lowercase letters, digits, ".", "_" or "-"');
  checkString(problems, value.description, 'description');
  checkNumber(problems, value.repeats, 'repeats', { integer: true, min: 1, max: 1000 });
  if (value.timeoutMs !== undefined) checkNumber(problems, value.timeoutMs, 'timeoutMs', { min: 1000 });
}

function checkVariantsAndSettings(problems: FieldProblems, value: Record<string, unknown>, subject: AnySubject): void {
  const knownVariants = Object.keys(subject.variants);
  if (value.variants !== undefined) {
    if (!Array.isArray(value.variants) || value.variants.length === 0) {
      problems.push(`variants: expected a non-empty array of variant names (${knownVariants.join(', ')}), got ${describeValue(value.variants)}`);
    } else {
      value.variants.forEach((name, i) => {
        if (typeof name !== 'string' || !knownVariants.includes(name)) {
          problems.push(`variants[${i}]: unknown variant ${describeValue(name)} (known: ${knownVariants.join(', ')})`);
        }
      });
    }
  }
  if (value.settings === undefined) return;
  if (!isRecord(value.settings)) {
    problems.push(`settings: expected an object of variant name -> { setting: number }, got ${describeValue(value.settings)}`);
    return;
  }
  for (const [variant, settings] of Object.entries(value.settings)) {
    if (!knownVariants.includes(variant)) {
      problems.push(`settings.${variant}: unknown variant (known: ${knownVariants.join(', ')})`);
    } else if (!isRecord(settings)) {
      problems.push(`settings.${variant}: expected an object of numbers, got ${describeValue(settings)}`);
    } else {
      const before = problems.length;
      for (const [key, setting] of Object.entries(settings)) {
        checkNumber(problems, setting, `settings.${variant}.${key}`, {});
      }
      const problem = problems.length === before ? subject.checkSettings(variant, settings as Record<string, number>) : null;
      if (problem) problems.push(`settings.${variant}: ${problem}`);
    }
  }
}
