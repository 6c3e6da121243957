/**
 * Checks a balance scenario's own fields (source, runs) before anything
 * runs: one problem per mistake, with its field path, what was expected and
 * what was found.
 */
import { checkKnownKeys, checkNumber, checkString, type FieldProblems } from '../../core/field-checks.ts';
import { describeValue, isRecord } from '../../core/input-values.ts';

const GENERATED_SOURCE_FIELDS = ['seed', 'tokens', 'accounts', 'otherHolders', 'blocks', 'transfersPerBlock', 'noisePerBlock', 'otherContracts'] as const;

export const BALANCE_SCENARIO_FIELDS = ['source', 'runs'] as const;

/** The balance fields of a scenario: source (generated or a database) and runs. */
export function checkBalanceFields(problems: FieldProblems, value: Readonly<Record<string, unknown>>): void {
  checkNumber(problems, value.runs, 'runs', { integer: true, min: 1, max: 1000 });
  const source = value.source;
  if (!isRecord(source)) {
    problems.push(`source: expected { kind: 'generated', seed, tokens, accounts, ... } or { kind: 'database', path, tokens, accountsFile }, got ${describeValue(source)}`);
  } else if (source.kind === 'generated') {
    checkKnownKeys(problems, source, 'source', ['kind', ...GENERATED_SOURCE_FIELDS]);
    checkNumber(problems, source.seed, 'source.seed', { integer: true, min: 0, max: 0xffffffff });
    for (const field of ['tokens', 'accounts', 'blocks'] as const) {
      checkNumber(problems, source[field], `source.${field}`, { integer: true, min: 1, max: 10_000_000 });
    }
    for (const field of ['otherHolders', 'transfersPerBlock', 'noisePerBlock', 'otherContracts'] as const) {
      checkNumber(problems, source[field], `source.${field}`, { integer: true, min: 0, max: 10_000_000 });
    }
    if (typeof source.noisePerBlock === 'number' && source.noisePerBlock > 0 && source.otherContracts === 0) {
      problems.push('source.otherContracts: must be >= 1 when noisePerBlock > 0 (part of the noise goes to other contracts)');
    }
  } else if (source.kind === 'database') {
    checkKnownKeys(problems, source, 'source', ['kind', 'path', 'tokens', 'accountsFile']);
    checkString(problems, source.path, 'source.path', undefined, 'the path of a Pathfinder SQLite database');
    checkString(problems, source.accountsFile, 'source.accountsFile', undefined, 'the path of a file with one account address per line');
    if (!Array.isArray(source.tokens) || source.tokens.length === 0 || !source.tokens.every((t) => typeof t === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(t))) {
      problems.push(`source.tokens: expected a non-empty list of 0x-hex token addresses, got ${describeValue(source.tokens)}`);
    }
  } else {
    problems.push(`source.kind: expected 'generated' or 'database', got ${describeValue(source.kind)}`);
  }
}
