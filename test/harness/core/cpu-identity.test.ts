import { describe, expect, it } from 'vitest';
import { cpuIdentityDifferences, describeCpu, parseCpuInfo, readCpuIdentity, type CpuIdentity } from '../../../harness/core/cpu-identity.ts';

/** Two processors of a 2-vCPU VM as Linux prints them (flags shortened). */
const CPUINFO = `processor\t: 0
vendor_id\t: AuthenticAMD
cpu family\t: 26
model\t\t: 2
model name\t: AMD EPYC
stepping\t: 1
cpu MHz\t\t: 2096.014
flags\t\t: fpu vme sse2 avx2 avx512f sha_ni

processor\t: 1
vendor_id\t: AuthenticAMD
cpu family\t: 26
model\t\t: 2
model name\t: AMD EPYC
stepping\t: 1
cpu MHz\t\t: 2096.014
flags\t\t: fpu vme sse2 avx2 avx512f sha_ni
`;

const zen5: CpuIdentity = parseCpuInfo(CPUINFO);

describe('parseCpuInfo', () => {
  it('reads the first processor: vendor, family/model/stepping, name, sorted flags and clock', () => {
    expect(zen5).toEqual({
      vendor: 'AuthenticAMD',
      family: '26',
      model: '2',
      stepping: '1',
      modelName: 'AMD EPYC',
      flags: 'avx2 avx512f fpu sha_ni sse2 vme',
      mhz: 2096.014,
    });
  });

  it('gives null for what a cpuinfo lacks (an ARM board prints other fields)', () => {
    expect(parseCpuInfo('processor\t: 0\nBogoMIPS\t: 48.00\nFeatures\t: fp asimd\n')).toEqual({
      vendor: null, family: null, model: null, stepping: null, modelName: null, flags: null, mhz: null,
    });
  });

  it('reads this machine without throwing, and null where there is no such file', () => {
    expect(readCpuIdentity('/nonexistent/cpuinfo')).toBeNull();
    const here = readCpuIdentity();
    if (here !== null) expect(typeof here).toBe('object');
  });
});

describe('cpuIdentityDifferences', () => {
  it('finds nothing between two machines of the same kind, even when the calibrated clock moved a little', () => {
    expect(cpuIdentityDifferences(zen5, { ...zen5, mhz: 2095.9 })).toEqual([]);
  });

  it('tells CPU generations apart that share the model name "AMD EPYC"', () => {
    const zen3 = { ...zen5, family: '25', model: '1', stepping: '1' };
    const reasons = cpuIdentityDifferences(zen3, zen5);
    expect(reasons).toEqual([
      'CPU family differs: baseline "25", now "26"',
      'CPU model differs: baseline "1", now "2"',
    ]);
  });

  it('names the flags only one side has, and another clock', () => {
    const older = { ...zen5, flags: 'avx2 fpu sse2 vme', mhz: 2450 };
    expect(cpuIdentityDifferences(older, zen5)).toEqual([
      'CPU flags differ: only this machine has avx512f sha_ni',
      'CPU clock differs: baseline 2450 MHz, now 2096 MHz',
    ]);
  });

  it('refuses a baseline that recorded no identity (older varbench): another generation cannot be ruled out', () => {
    const [reason] = cpuIdentityDifferences(undefined, zen5);
    expect(reason).toContain('does not record the CPU identity');
    expect(reason).toContain('re-save the baseline');
  });

  it('leaves the decision to the model name when neither side has /proc/cpuinfo', () => {
    expect(cpuIdentityDifferences(null, null)).toEqual([]);
    expect(cpuIdentityDifferences(null, zen5)).toEqual(['CPU identity recorded on one side only: baseline none, now recorded']);
  });
});

describe('describeCpu', () => {
  it('adds the generation and clock to the model name for the report', () => {
    expect(describeCpu('AMD EPYC', zen5)).toBe('AMD EPYC (AuthenticAMD family 26 model 2 stepping 1, 2096 MHz)');
    expect(describeCpu('Apple M1', null)).toBe('Apple M1');
  });
});
