/**
 * A persistent cache of ERC-20 balance slots, account -> low slot, so a
 * repeat run over the same accounts computes no pedersen hash at all.
 *
 * One append-only file, `erc20-balances-slots-v1.bin`, in the folder the
 * caller names: an 8-byte magic, then 68-byte records of the account (32
 * bytes big-endian), its low slot (32 bytes) and the CRC-32 of those 64
 * bytes (zlib.crc32). The checksum matters: a wrong slot does not fail, it
 * silently turns a balance into zero, so a record that does not check out
 * is ignored (and recomputed). A torn record at the end (a run killed while
 * appending) is ignored, and cut off before the next append so the records
 * after it stay aligned.
 *
 * Loading keys records by the account's hex text and decodes the slot only
 * for the accounts asked for, so a large cache costs a string per record,
 * not a bigint. New records are appended in one write per run; two runs
 * appending at once each write whole records (O_APPEND), and a duplicate
 * account is harmless (same slot).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { decodeFeltBytes, feltToBytes } from './felt.ts';

export const SLOT_CACHE_FILE = 'erc20-balances-slots-v1.bin';

const MAGIC = Buffer.from('VBSLOT01', 'latin1');
const RECORD_BYTES = 68;

export class SlotCache {
  /** Account hex (64 digits) -> byte offset of its slot in #data. */
  readonly #index = new Map<string, number>();
  #data: Buffer = Buffer.alloc(0);
  #pending: Buffer[] = [];
  #rejected = 0;

  private constructor(readonly file: string | undefined) {}

  /** The cache in `dir` (created if missing); without a dir, a cache that forgets everything after the run. */
  static open(dir: string | undefined): SlotCache {
    if (dir === undefined) return new SlotCache(undefined);
    fs.mkdirSync(dir, { recursive: true });
    const cache = new SlotCache(path.join(dir, SLOT_CACHE_FILE));
    cache.#load();
    return cache;
  }

  /** Records ignored at load because their checksum failed or they were cut short. */
  get rejectedRecords(): number {
    return this.#rejected;
  }

  /** The cached low slot of `account`, if any. */
  get(account: bigint): bigint | undefined {
    const offset = this.#index.get(account.toString(16).padStart(64, '0'));
    return offset === undefined ? undefined : decodeFeltBytes(this.#data.subarray(offset, offset + 32));
  }

  /** Remembers a slot computed this run; written by flush(). */
  set(account: bigint, low: bigint): void {
    const record = Buffer.alloc(RECORD_BYTES);
    feltToBytes(account).copy(record, 0);
    feltToBytes(low).copy(record, 32);
    record.writeUInt32BE(zlib.crc32(record.subarray(0, 64)), 64);
    this.#pending.push(record);
  }

  /** Appends the slots set() since the last flush, in one write. */
  flush(): void {
    if (this.file === undefined || this.#pending.length === 0) {
      this.#pending = [];
      return;
    }
    try {
      // 'wx' creates the file with its magic only if nobody else has: two runs cannot both write a header.
      fs.writeFileSync(this.file, MAGIC, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const torn = (fs.statSync(this.file).size - MAGIC.length) % RECORD_BYTES;
    if (torn !== 0) fs.truncateSync(this.file, fs.statSync(this.file).size - torn);
    fs.appendFileSync(this.file, Buffer.concat(this.#pending));
    this.#pending = [];
  }

  #load(): void {
    let data: Buffer;
    try {
      data = fs.readFileSync(this.file!);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (data.length < MAGIC.length || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new Error(`${this.file} is not a varbench slot cache (bad magic); delete it and run again to rebuild it`);
    }
    this.#data = data;
    let offset = MAGIC.length;
    for (; offset + RECORD_BYTES <= data.length; offset += RECORD_BYTES) {
      if (zlib.crc32(data.subarray(offset, offset + 64)) !== data.readUInt32BE(offset + 64)) {
        this.#rejected++;
        continue;
      }
      this.#index.set(data.toString('hex', offset, offset + 32), offset + 32);
    }
    if (offset < data.length) this.#rejected++;
  }
}
