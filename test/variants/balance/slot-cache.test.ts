import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SLOT_CACHE_FILE, SlotCache } from '../../../variants/balance/slot-cache.ts';
import { tempDir } from './balance-fixture.ts';

const HEADER = 8;
const RECORD = 68;

describe('slot cache', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => cleanup.splice(0).forEach((step) => step()));

  function dir(): string {
    const temp = tempDir('slot-cache');
    cleanup.push(temp.remove);
    return temp.dir;
  }

  it('keeps slots across opens, appending only what is new', () => {
    const folder = dir();
    const first = SlotCache.open(folder);
    expect(first.get(1n)).toBeUndefined();
    first.set(1n, 11n);
    first.set(2n ** 250n, 2n ** 251n - 257n);
    first.flush();
    const second = SlotCache.open(folder);
    expect(second.get(1n)).toBe(11n);
    expect(second.get(2n ** 250n)).toBe(2n ** 251n - 257n);
    second.set(3n, 33n);
    second.flush();
    second.flush(); // nothing pending: no write
    expect(fs.statSync(path.join(folder, SLOT_CACHE_FILE)).size).toBe(HEADER + 3 * RECORD);
    expect(SlotCache.open(folder).get(3n)).toBe(33n);
  });

  it('without a folder, remembers nothing and writes nothing', () => {
    const memory = SlotCache.open(undefined);
    memory.set(1n, 2n);
    memory.flush();
    expect(memory.file).toBeUndefined();
    expect(memory.get(1n)).toBeUndefined();
  });

  it('ignores a record whose checksum fails and a torn tail, and appends after the last whole record', () => {
    const folder = dir();
    const cache = SlotCache.open(folder);
    cache.set(1n, 11n);
    cache.set(2n, 22n);
    cache.flush();
    const file = path.join(folder, SLOT_CACHE_FILE);
    const bytes = fs.readFileSync(file);
    bytes[HEADER + RECORD + 40] = bytes[HEADER + RECORD + 40]! ^ 0x01; // flip a bit of account 2's slot
    fs.writeFileSync(file, Buffer.concat([bytes, Buffer.alloc(10)])); // and a torn record
    const reopened = SlotCache.open(folder);
    expect(reopened.rejectedRecords).toBe(2);
    expect(reopened.get(1n)).toBe(11n);
    expect(reopened.get(2n)).toBeUndefined();
    reopened.set(2n, 22n);
    reopened.flush();
    expect(fs.statSync(file).size).toBe(HEADER + 3 * RECORD);
    expect(SlotCache.open(folder).get(2n)).toBe(22n);
  });

  it('refuses a file that is not a slot cache', () => {
    const folder = dir();
    fs.writeFileSync(path.join(folder, SLOT_CACHE_FILE), 'something else entirely');
    expect(() => SlotCache.open(folder)).toThrow(/is not a varbench slot cache \(bad magic\); delete it/);
  });
});
