/**
 * The CPU as a gate needs to know it: fine enough to tell generations apart.
 *
 * os.cpus()[0].model is only the marketing name, and a VM often reports the
 * same "AMD EPYC" for Zen 2, Zen 3 and Zen 5 parts whose speeds differ by
 * tens of percent. A baseline saved on one and compared on another then
 * "finds" regressions that are the machine's (seen in CI: +62% p50 get on an
 * unchanged tree). /proc/cpuinfo (Linux) adds the vendor, family, model and
 * stepping (which identify the microarchitecture), the instruction-set flags
 * (a hypervisor may hide AVX-512 from one guest and not another) and the
 * clock the kernel calibrated.
 */
import { readFileSync } from 'node:fs';

export interface CpuIdentity {
  readonly vendor: string | null;
  /** cpuinfo "cpu family" / "model" / "stepping": the microarchitecture and its revision. */
  readonly family: string | null;
  readonly model: string | null;
  readonly stepping: string | null;
  readonly modelName: string | null;
  /** The instruction-set flags, sorted, space-separated. */
  readonly flags: string | null;
  /** "cpu MHz" of the first processor as the kernel reports it (the TSC rate in most VMs). */
  readonly mhz: number | null;
}

/** The first processor's block of /proc/cpuinfo as a CpuIdentity; null fields for what it lacks. */
export function parseCpuInfo(text: string): CpuIdentity {
  const first = text.split(/\n\s*\n/, 1)[0] ?? '';
  const fields = new Map<string, string>();
  for (const line of first.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const mhz = Number(fields.get('cpu MHz'));
  const flags = fields.get('flags');
  return {
    vendor: fields.get('vendor_id') ?? null,
    family: fields.get('cpu family') ?? null,
    model: fields.get('model') ?? null,
    stepping: fields.get('stepping') ?? null,
    modelName: fields.get('model name') ?? null,
    flags: flags === undefined ? null : [...new Set(flags.split(/\s+/).filter(Boolean))].sort().join(' '),
    mhz: fields.has('cpu MHz') && Number.isFinite(mhz) ? mhz : null,
  };
}

/** This machine's CPU identity; null where /proc/cpuinfo does not exist (macOS, Windows). */
export function readCpuIdentity(file = '/proc/cpuinfo'): CpuIdentity | null {
  try {
    return parseCpuInfo(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Clock rates closer than this are the same clock: a VM's calibrated TSC
 * rate can move by a few kHz between boots of the same host type, while
 * another SKU differs by hundreds of MHz.
 */
const SAME_CLOCK_TOLERANCE = 0.02;

/** Flags named in a difference message before the rest are only counted. */
const MAX_FLAGS_SHOWN = 8;

function listDifference(baseline: string, current: string): string {
  const before = new Set(baseline.split(' '));
  const now = new Set(current.split(' '));
  const missing = [...before].filter((f) => !now.has(f));
  const added = [...now].filter((f) => !before.has(f));
  const show = (names: string[]): string =>
    names.length <= MAX_FLAGS_SHOWN ? names.join(' ') : `${names.slice(0, MAX_FLAGS_SHOWN).join(' ')} and ${names.length - MAX_FLAGS_SHOWN} more`;
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`only the baseline has ${show(missing)}`);
  if (added.length > 0) parts.push(`only this machine has ${show(added)}`);
  return parts.join('; ');
}

/**
 * Why two CPUs cannot be compared (empty when they can). `undefined` is a
 * record from before varbench kept the identity: such a baseline cannot be
 * told apart from another generation, so it is not comparable (a gate that
 * cannot tell must not judge). `null` on both sides (no /proc/cpuinfo, e.g.
 * macOS) leaves the decision to the CPU model name, which there is precise.
 */
export function cpuIdentityDifferences(baseline: CpuIdentity | null | undefined, current: CpuIdentity | null | undefined): string[] {
  if (baseline === undefined) {
    return ['the baseline does not record the CPU identity (family, model, stepping, flags; saved by an older varbench), so another CPU generation cannot be ruled out: re-save the baseline on this machine'];
  }
  if (baseline === null || current === null || current === undefined) {
    return baseline === current ? [] : [`CPU identity recorded on one side only: baseline ${baseline === null ? 'none' : 'recorded'}, now ${current ? 'recorded' : 'none'}`];
  }
  const reasons: string[] = [];
  for (const field of ['vendor', 'family', 'model', 'stepping', 'modelName'] as const) {
    if (baseline[field] !== current[field]) {
      reasons.push(`CPU ${field === 'modelName' ? 'model name' : field} differs: baseline ${JSON.stringify(baseline[field])}, now ${JSON.stringify(current[field])}`);
    }
  }
  if (baseline.flags !== current.flags) {
    reasons.push(`CPU flags differ: ${baseline.flags === null || current.flags === null ? `baseline ${baseline.flags === null ? 'none recorded' : 'recorded'}, now ${current.flags === null ? 'none recorded' : 'recorded'}` : listDifference(baseline.flags, current.flags)}`);
  }
  if (baseline.mhz !== null && current.mhz !== null) {
    if (Math.abs(baseline.mhz - current.mhz) > SAME_CLOCK_TOLERANCE * baseline.mhz) {
      reasons.push(`CPU clock differs: baseline ${baseline.mhz.toFixed(0)} MHz, now ${current.mhz.toFixed(0)} MHz`);
    }
  } else if (baseline.mhz !== current.mhz) {
    reasons.push(`CPU clock recorded on one side only: baseline ${baseline.mhz ?? 'none'}, now ${current.mhz ?? 'none'}`);
  }
  return reasons;
}

/** "AMD EPYC (AuthenticAMD family 26 model 2 stepping 1, 2096 MHz)": for the report's environment table. */
export function describeCpu(cpuModel: string, identity: CpuIdentity | null | undefined): string {
  if (!identity) return cpuModel;
  const parts = [identity.vendor, identity.family === null ? null : `family ${identity.family}`, identity.model === null ? null : `model ${identity.model}`, identity.stepping === null ? null : `stepping ${identity.stepping}`].filter(Boolean);
  const clock = identity.mhz === null ? '' : `${parts.length > 0 ? ', ' : ''}${identity.mhz.toFixed(0)} MHz`;
  return parts.length === 0 && clock === '' ? cpuModel : `${cpuModel} (${parts.join(' ')}${clock})`;
}
