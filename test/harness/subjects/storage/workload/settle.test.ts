import { describe, expect, it } from 'vitest';
import { isThenable } from '../../../../../harness/subjects/storage/workload/settle.ts';

describe('isThenable', () => {
  it('recognises promises and promise-likes', () => {
    expect(isThenable(Promise.resolve(1))).toBe(true);
    expect(isThenable({ then: () => undefined })).toBe(true);
    const callable = Object.assign(() => undefined, { then: () => undefined });
    expect(isThenable(callable)).toBe(true);
  });

  it('rejects plain values, including the ones stores return', () => {
    for (const value of [undefined, null, 0, 'then', new Uint8Array(2), [], {}, { then: 1 }, () => undefined]) {
      expect(isThenable(value)).toBe(false);
    }
  });
});
