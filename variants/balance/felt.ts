/**
 * Starknet field elements (felts) as Pathfinder stores them and as the
 * outputs print them.
 *
 * - Addresses (contract and storage) are 32-byte big-endian BLOBs.
 * - storage_value BLOBs are the value's 32 big-endian bytes with the leading
 *   zero bytes stripped: 0 to 32 bytes, the empty BLOB being zero (issue 3;
 *   Pathfinder trims them to save space), so a reader must accept every
 *   length, not only 32.
 * - Outputs print addresses as 0x + 64 lower-case hex digits (fixed width, so
 *   text order equals numeric order) and balances in decimal.
 *
 * Everything is bigint end to end: a u256 balance does not fit a double.
 */

/** The Stark field prime, 2^251 + 17 * 2^192 + 1: every felt is below it. */
export const FIELD_PRIME = 2n ** 251n + 17n * 2n ** 192n + 1n;

export const FELT_BYTES = 32;

const HEX_DIGITS = /^0x[0-9a-fA-F]{1,64}$/;

/**
 * Parses a felt written as 0x-prefixed hex (1 to 64 digits, any case), as
 * users write addresses. `what` names the value in the error ("token",
 * "account on line 3 of accounts.txt").
 */
export function parseFelt(text: string, what: string): bigint {
  const trimmed = text.trim();
  if (!HEX_DIGITS.test(trimmed)) {
    throw new RangeError(`${what}: expected 0x followed by 1 to 64 hex digits, got ${JSON.stringify(text)}`);
  }
  const value = BigInt(trimmed);
  if (value >= FIELD_PRIME) {
    throw new RangeError(`${what}: ${trimmed} is not a Starknet field element (it must be below 2^251 + 17 * 2^192 + 1)`);
  }
  return value;
}

/** Throws unless `value` is a felt (0 <= value < FIELD_PRIME). */
export function assertFelt(value: bigint, what: string): void {
  if (typeof value !== 'bigint' || value < 0n || value >= FIELD_PRIME) {
    throw new RangeError(`${what}: ${String(value)} is not a Starknet field element (a bigint in [0, 2^251 + 17 * 2^192 + 1))`);
  }
}

/** 0x + 64 lower-case hex digits: the outputs' address format. */
export function feltToHex(value: bigint): string {
  return `0x${value.toString(16).padStart(64, '0')}`;
}

/** The 32-byte big-endian encoding of `value` (0 <= value < 2^256): Pathfinder's address BLOBs. */
export function feltToBytes(value: bigint): Buffer {
  if (value < 0n || value >= 1n << 256n) throw new RangeError(`feltToBytes: ${value} does not fit 32 bytes`);
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
}

/** `value` as a storage_value BLOB: its big-endian bytes without leading zeros (zero is the empty BLOB). */
export function feltToStrippedBytes(value: bigint): Buffer {
  const full = feltToBytes(value);
  let start = 0;
  while (start < FELT_BYTES && full[start] === 0) start++;
  return full.subarray(start);
}

/**
 * Decodes a big-endian BLOB of 0 to 32 bytes (a stripped storage_value, or a
 * full 32-byte address) straight from its bytes: 6-byte chunks through
 * readUIntBE, the widest integer a double holds exactly, so a 32-byte value
 * costs six BigInt conversions instead of a hex string and a parse.
 */
export function decodeFeltBytes(bytes: Uint8Array): bigint {
  const length = bytes.length;
  if (length > FELT_BYTES) throw new RangeError(`a felt BLOB has at most 32 bytes, got ${length}`);
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, length);
  if (length <= 6) return length === 0 ? 0n : BigInt(buffer.readUIntBE(0, length));
  // Leading partial chunk first, so every later chunk is a whole 6 bytes.
  let offset = length % 6;
  let value = offset === 0 ? 0n : BigInt(buffer.readUIntBE(0, offset));
  for (; offset < length; offset += 6) value = (value << 48n) | BigInt(buffer.readUIntBE(offset, 6));
  return value;
}

/**
 * The same decoding the way a first attempt writes it: BLOB -> hex text ->
 * BigInt. Kept for the naive variant, whose point is to pay for it.
 */
export function decodeFeltHex(bytes: Uint8Array): bigint {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
  if (hex.length > 2 * FELT_BYTES) throw new RangeError(`a felt BLOB has at most 32 bytes, got ${bytes.length}`);
  return hex.length === 0 ? 0n : BigInt(`0x${hex}`);
}
