import { describe, expect, it } from 'vitest';
import {
  FIELD_PRIME, decodeFeltBytes, decodeFeltHex, feltToBytes, feltToHex, feltToStrippedBytes, parseFelt,
} from '../../../variants/balance/felt.ts';

const bytes = (...values: number[]): Buffer => Buffer.from(values);

describe('felt encodings', () => {
  it('decodes stripped storage_value BLOBs of 0, 1, 31 and 32 bytes, both ways', () => {
    const cases: [Buffer, bigint][] = [
      [Buffer.alloc(0), 0n],
      [bytes(0x2a), 42n],
      [Buffer.alloc(31, 0xff), (1n << 248n) - 1n],
      [Buffer.concat([bytes(0x07), Buffer.alloc(31, 0xab)]), BigInt(`0x07${'ab'.repeat(31)}`)],
    ];
    for (const [blob, value] of cases) {
      expect(decodeFeltBytes(blob), `${blob.length} bytes`).toBe(value);
      expect(decodeFeltHex(blob), `${blob.length} bytes`).toBe(value);
    }
  });

  it('decodes every length from 0 to 32 bytes, including chunk boundaries, and from a plain Uint8Array', () => {
    for (let length = 0; length <= 32; length++) {
      const blob = Buffer.alloc(length);
      for (let i = 0; i < length; i++) blob[i] = (i * 37 + 11) & 0xff;
      const value = length === 0 ? 0n : BigInt(`0x${blob.toString('hex')}`);
      expect(decodeFeltBytes(blob), `${length} bytes`).toBe(value);
      expect(decodeFeltBytes(new Uint8Array(blob)), `${length} bytes`).toBe(value);
    }
  });

  it('accepts leading zero bytes (a full-width BLOB) and rejects more than 32 bytes', () => {
    expect(decodeFeltBytes(bytes(0, 0, 1))).toBe(1n);
    expect(() => decodeFeltBytes(Buffer.alloc(33))).toThrow(/at most 32 bytes/);
    expect(() => decodeFeltHex(Buffer.alloc(33))).toThrow(/at most 32 bytes/);
  });

  it('strips leading zero bytes on the way in, zero being the empty BLOB', () => {
    expect(feltToStrippedBytes(0n)).toEqual(Buffer.alloc(0));
    expect(feltToStrippedBytes(0x0100n)).toEqual(bytes(1, 0));
    expect(feltToStrippedBytes(FIELD_PRIME - 1n)).toHaveLength(32);
    expect(feltToBytes(1n)).toEqual(Buffer.concat([Buffer.alloc(31), bytes(1)]));
  });

  it('prints 0x + 64 lower-case hex digits and parses what users write', () => {
    expect(feltToHex(0xabcn)).toBe(`0x${'0'.repeat(61)}abc`);
    expect(parseFelt(' 0xABC\n', 'token')).toBe(0xabcn);
    expect(() => parseFelt('abc', 'account on line 3 of a.txt')).toThrow(/account on line 3 of a.txt: expected 0x followed by 1 to 64 hex digits, got "abc"/);
    expect(() => parseFelt(`0x${'f'.repeat(64)}`, 'token')).toThrow(/not a Starknet field element/);
  });
});
