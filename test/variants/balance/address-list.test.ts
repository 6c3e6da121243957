import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatAddressList, readAddressList } from '../../../variants/balance/address-list.ts';
import { tempDir } from './balance-fixture.ts';

describe('address lists', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => cleanup.splice(0).forEach((step) => step()));

  function file(name: string, text: string): string {
    const temp = tempDir('address-list');
    cleanup.push(temp.remove);
    const full = path.join(temp.dir, name);
    fs.writeFileSync(full, text);
    return full;
  }

  it('reads one address per line, skipping blank lines, and writes the same format', () => {
    const list = file('accounts.txt', '0x1\n\n  0xABC  \n');
    expect(readAddressList(list, 'account')).toEqual([1n, 0xabcn]);
    expect(formatAddressList([1n])).toBe(`0x${'0'.repeat(63)}1\n`);
    expect(readAddressList(file('x.txt', formatAddressList([5n, 6n])), 'token')).toEqual([5n, 6n]);
  });

  it('names the file and line of an entry that is not an address', () => {
    const list = file('accounts.txt', '0x1\nhello\n');
    expect(() => readAddressList(list, 'account')).toThrow(`account on line 2 of ${list}: expected 0x followed by 1 to 64 hex digits, got "hello"`);
  });
});
