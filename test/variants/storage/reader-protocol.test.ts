import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../../variants/storage/buffer-pool.ts';
import { deserializeError, packValues, serializeError, unpackValues } from '../../../variants/storage/reader-protocol.ts';

describe('value packing', () => {
  it('round-trips values, absent ones and empty ones, as independent copies', () => {
    const values = [Uint8Array.of(1, 2, 3), undefined, new Uint8Array(0), Uint8Array.of(0, 0), new Uint8Array(300).fill(7)];
    const buffer = packValues(values, new BufferPool({ minBytes: 16 }));
    const unpacked = unpackValues(buffer, values.length);
    expect(unpacked).toEqual(values);
    new Uint8Array(buffer).fill(0xff); // the buffer is reused later: copies must not change
    expect(unpacked).toEqual(values);
  });

  it('packs an empty batch', () => {
    expect(unpackValues(packValues([], new BufferPool()), 0)).toEqual([]);
  });
});

describe('error transport', () => {
  it('keeps the name and message, and says where it came from', () => {
    const error = deserializeError(serializeError(new RangeError('bad key')), 'pooled store: reader worker 1');
    expect(error.name).toBe('RangeError');
    expect(error.message).toBe('pooled store: reader worker 1: bad key');
    expect(error.stack).toContain('[in reader worker]');
    expect(serializeError('plain')).toEqual({ name: 'Error', message: 'plain' });
  });
});
