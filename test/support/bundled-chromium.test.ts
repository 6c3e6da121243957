import { describe, expect, it } from 'vitest';
import { missingSharedLibraries } from './bundled-chromium.ts';

describe('missingSharedLibraries', () => {
  it("reads the libraries ldd could not resolve (the bundled Chromium on a machine without NSS)", () => {
    const ldd = [
      '\tlinux-vdso.so.1 (0x00007ffd5e3f2000)',
      '\tlibdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007f1c9a2c8000)',
      '\tlibnspr4.so => not found',
      '\tlibnss3.so => not found',
      '\tlibexpat.so.1 => /lib/x86_64-linux-gnu/libexpat.so.1 (0x00007f1c9a29c000)',
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f1ca2f7e000)',
    ].join('\n');
    expect(missingSharedLibraries(ldd)).toEqual(['libnspr4.so', 'libnss3.so']);
  });

  it('finds nothing missing when every library resolves, or without ldd', () => {
    expect(missingSharedLibraries('\tlibnss3.so => /lib/x86_64-linux-gnu/libnss3.so (0x00007f1c9a000000)\n')).toEqual([]);
    expect(missingSharedLibraries('')).toEqual([]);
  });
});
