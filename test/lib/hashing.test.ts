import { describe, expect, it } from 'vitest';
import { fmix32 } from '../../lib/hashing.ts';

describe('fmix32', () => {
  it("gives MurmurHash3's finaliser values, as uint32", () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
    // An int32 from Math.imul (negative) is the same input as its uint32.
    expect(fmix32(-1)).toBe(fmix32(0xffffffff));
    expect(fmix32(-1)).toBeGreaterThan(0);
  });

  it('maps distinct inputs to distinct outputs (a bijection: no collision among 65,536 inputs)', () => {
    const outputs = new Set<number>();
    for (let x = 0; x < 65_536; x++) outputs.add(fmix32(x * 65_537));
    expect(outputs.size).toBe(65_536);
  });
});
