/**
 * --db PATH --tokens A,B --accounts FILE: a balance scenario run on a
 * user's own Pathfinder database instead of a generated one. The options are
 * checked before anything runs: the addresses parse and the accounts file
 * lists some; the database itself is opened (read-only) when the run is
 * prepared (subject.ts), once the files beside it have been noted
 * (sqlite-sidecars.ts).
 */
import { existsSync } from 'node:fs';
import { parseFelt, readAddressList } from '../../../variants/balance/index.ts';
import { VarbenchError } from '../../core/errors.ts';
import type { OptionContext, SubjectOptions } from '../subject.ts';
import type { BalanceScenario, BalanceSource } from './scenario.ts';

export type DatabaseSource = Extract<BalanceSource, { kind: 'database' }>;

function databaseSource(values: Readonly<Record<string, string | boolean>>, context: OptionContext): DatabaseSource {
  const { db, tokens, accounts } = values;
  if (typeof db !== 'string' || typeof tokens !== 'string' || typeof accounts !== 'string') {
    throw new VarbenchError('USAGE', '--db, --tokens and --accounts go together: --db pathfinder.sqlite --tokens 0x049d...,0x0471... --accounts accounts.txt');
  }
  const source: DatabaseSource = {
    kind: 'database',
    path: context.resolvePath(db),
    tokens: tokens.split(',').map((t) => t.trim()).filter(Boolean),
    accountsFile: context.resolvePath(accounts),
  };
  try {
    source.tokens.forEach((token, i) => parseFelt(token, `token ${i + 1} of --tokens`));
    if (source.tokens.length === 0) throw new Error('--tokens lists no token address');
    if (!existsSync(source.accountsFile)) {
      throw new Error(`--accounts: ${source.accountsFile} does not exist; pass a file with one 0x account address per line`);
    }
    if (readAddressList(source.accountsFile, 'account').length === 0) {
      throw new Error(`--accounts: ${source.accountsFile} lists no account address; put one 0x address per line`);
    }
  } catch (error) {
    throw new VarbenchError('USAGE', `${(error as Error).message}`, { cause: error });
  }
  return source;
}

/**
 * What a --db run measures, in place of the built-in scenario's description
 * of its generated dataset (which would describe data that was not used).
 */
function userDatabaseDescription(source: DatabaseSource, context: OptionContext): string {
  const accounts = readAddressList(source.accountsFile, 'account').length;
  const tokens = source.tokens.length;
  return (
    `Your Pathfinder database ${context.displayPath(source.path)} (read-only): the latest balances of ${accounts.toLocaleString('en-US')} ` +
    `account${accounts === 1 ? '' : 's'} (from ${context.displayPath(source.accountsFile)}) for ${tokens} token${tokens === 1 ? '' : 's'}; ` +
    'no expected balances exist for it, so the variants are verified by agreeing with each other.'
  );
}

export const USER_DATABASE_OPTIONS: SubjectOptions<BalanceScenario> = {
  options: {
    db: { type: 'string', help: 'the path of your Pathfinder SQLite database (opened read-only)' },
    tokens: { type: 'string', help: 'the token contract addresses, 0x-hex, comma-separated' },
    accounts: { type: 'string', help: 'a file with one 0x account address per line' },
  },
  helpText:
    '  --db <path> --tokens <a,b> --accounts <file>\n' +
    '                              balance scenarios: run the pipeline on your own Pathfinder database\n' +
    '                              (opened read-only) for these token contracts and the accounts listed\n' +
    '                              one per line in <file>\n',
  exampleScenario: 'balance-small',
  apply(scenario, values, context) {
    const source = databaseSource(values, context);
    return { ...scenario, source, description: userDatabaseDescription(source, context) };
  },
};
