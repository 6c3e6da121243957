/**
 * The subjects the harness knows, by name. The built-in ones are registered
 * here, one line each; a test (or a user's program) can register its own
 * with registerSubject before it calls the CLI's main(), and it runs through
 * the same planning, child processes, analysis and report.
 */
import { VarbenchError } from '../core/errors.ts';
import { balanceSubject } from './balance/subject.ts';
import { storageSubject } from './storage/subject.ts';
import type { AnySubject } from './subject.ts';

const subjects = new Map<string, AnySubject>();

export function registerSubject(subject: AnySubject): void {
  const known = subjects.get(subject.name);
  if (known !== undefined && known !== subject) throw new Error(`registerSubject: a subject named '${subject.name}' is already registered`);
  subjects.set(subject.name, subject);
}

registerSubject(storageSubject);
registerSubject(balanceSubject);

/** Every registered subject, built-in ones first. */
export function allSubjects(): AnySubject[] {
  return [...subjects.values()];
}

export function findSubject(name: string): AnySubject | undefined {
  return subjects.get(name);
}

/** The subject a scenario or a results file names; an unknown one is an input error (exit 2). */
export function subjectNamed(name: string, where: string): AnySubject {
  const subject = subjects.get(name);
  if (subject === undefined) {
    throw new VarbenchError('USAGE', `${where} names subject '${name}', which this varbench does not know (known: ${[...subjects.keys()].join(', ')}).`);
  }
  return subject;
}
