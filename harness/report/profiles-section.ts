/**
 * The report's runtime and profiles sections: GC by kind, event-loop delay,
 * retained growth and bytes per op for every variant; then, for runs with
 * --profile, the artifacts of each profiled process, its cost, the top
 * self-time functions and allocation sites, and the variants' top functions
 * side by side, so the reason one is faster can be read off.
 */
import type { RuntimeSummary, VariantProfile } from '../stats/runtime.ts';
import type { FrameLocation } from '../profile/frame-location.ts';
import { escapeHtml as h } from './escape.ts';
import { formatBytes, formatCount, formatMs, formatNs, formatOpsPerSec, formatPercent, MISSING } from '../core/format.ts';
import { variantCell } from './palette.ts';
import { UNSUPPORTED_PERCENTILE_LEGEND, isUnsupportedPercentile, markPercentile, samplesText } from './percentile-mark.ts';

const SIDE_BY_SIDE_ROWS = 5;
const ARTIFACT_LABELS: Readonly<Record<string, string>> = {
  cpu: 'CPU profile (.cpuprofile: Chrome DevTools, speedscope)',
  heap: 'heap profile (.heapprofile: Chrome DevTools)',
  flame: 'flamegraph (0x)',
  doctor: 'clinic doctor',
};

function where(row: FrameLocation): string {
  // Native frames (better-sqlite3's C++ methods, V8 builtins) have no script.
  if (!row.url) return '<span class="sub">(native)</span>';
  return `<span class="sub">${h(row.url)}${row.line === null ? '' : `:${row.line}`}</span>`;
}

/** What a runtime row needs: the storage and balance variant summaries both have it. */
interface WithRuntime {
  readonly variant: string;
  readonly runtime: RuntimeSummary | null;
}

/** Event-loop delay p50 / p99, marked when a repeat had too few timer intervals to support them. */
function eventLoopCell(runtime: RuntimeSummary): string {
  const n = runtime.eventLoopSamples;
  const p50 = markPercentile(formatNs(runtime.eventLoopP50Ns), n, 50);
  const p99 = markPercentile(formatNs(runtime.eventLoopP99Ns), n, 99);
  const count = isUnsupportedPercentile(n, 50) || isUnsupportedPercentile(n, 99) ? ` · ${samplesText(n!)} per repeat` : '';
  return `<td class="num">${h(`${p50} / ${p99}`)}<span class="sub">max ${h(formatNs(runtime.eventLoopMaxNs))}${h(count)}</span></td>`;
}

function runtimeRow(v: WithRuntime, runtime: RuntimeSummary, colours: ReadonlyMap<string, string>): string {
  // Counts that may miss entries are lower bounds: say so in the cell, not only in a note.
  const atLeast = runtime.gcComplete ? '' : '≥ ';
  const gc = (kind: keyof RuntimeSummary['gcByKind']) => {
    const k = runtime.gcByKind[kind];
    return `<td class="num">${h(atLeast + formatCount(k.count))}<span class="sub">${h(atLeast + formatMs(k.totalPauseMs))} · max ${h(formatMs(k.longestPauseMs))}</span></td>`;
  };
  const incomplete = runtime.gcComplete ? '' : '<span class="sub bad">GC entries may be missing</span>';
  const growth =
    runtime.retainedBytesPerThousandOps === null
      ? MISSING
      : `${runtime.retainedBytesPerThousandOps < 0 ? '−' : ''}${formatBytes(Math.abs(runtime.retainedBytesPerThousandOps))}`;
  return `<tr><td class="variant">${variantCell(v.variant, colours)}${incomplete}</td>${gc('minor')}${gc('major')}${gc('incremental')}
${eventLoopCell(runtime)}
<td class="num">${h(growth)}${runtime.retainedGrowthForced ? '' : '<span class="sub">GC not forced</span>'}</td>
<td class="num">${h(runtime.bytesPerOp === null ? MISSING : formatBytes(runtime.bytesPerOp))}</td></tr>`;
}

/** `unit`: what one "op" is for this subject (a store op, or a balance row written). */
export function renderRuntimeSection(variants: readonly WithRuntime[], colours: ReadonlyMap<string, string>, unit = 'op'): string {
  const rows = variants.flatMap((v) => (v.runtime ? [runtimeRow(v, v.runtime, colours)] : []));
  if (rows.length === 0) return '';
  const methods = [...new Set(variants.flatMap((v) => (v.runtime ? [v.runtime.allocationMethod] : [])))].join(', ');
  const thin = variants.some((v) => v.runtime !== null && (isUnsupportedPercentile(v.runtime.eventLoopSamples, 50) || isUnsupportedPercentile(v.runtime.eventLoopSamples, 99)));
  return `<section class="card" id="runtime">
<h2>Runtime: GC, event loop, memory growth</h2>
<div class="table-wrap"><table>
<thead><tr><th>Variant</th><th class="num">Minor GCs<br>pause · longest</th><th class="num">Major GCs<br>pause · longest</th><th class="num">Incremental<br>pause · longest</th><th class="num">Event-loop delay<br>p50 / p99</th><th class="num">Retained growth<br>per 1,000 ${h(unit)}s</th><th class="num">Allocated<br>per ${h(unit)}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
<p class="note">Medians across ok timed repeats (longest pause and event-loop max: the largest). GC pauses from V8's <code>gc</code> performance entries by kind; a minor GC forced right after the phase proves every earlier entry was counted (entries arrive in order). Where that proof is missing (no <code>--expose-gc</code>, or results from an older varbench) the row says so and its counts are lower bounds (≥).
Event-loop delay from <code>monitorEventLoopDelay</code> (10 ms resolution) during the measured phase (— when the phase was too short for a sample, as in --quick runs): a synchronous store holds the loop between the driver's yields (every ~100 ms), so its delay is about that interval; the pooled store's replies wait behind its commits.${thin ? ` ${h(UNSUPPORTED_PERCENTILE_LEGEND)} Here n is the fewest timer intervals of one repeat.` : ''}
Retained growth: heap in use after a forced GC at the end of the phase minus after one at its start, per 1,000 ${h(unit)}s; steady growth across variants' runs points to a leak.
Allocated per ${h(unit)}: ${h(methods)} (heap in use at the end, minus at the start, plus what each GC freed; V8 heap of the main thread only: SQLite's memory, Buffer contents and worker threads are not counted).</p>
</section>`;
}

function artifactLinks(profile: VariantProfile): string {
  return profile.artifacts
    .map((a) => {
      const label = ARTIFACT_LABELS[a.kind] ?? a.kind;
      const warning = a.warning ? ` <span class="bad">warning: ${h(a.warning)}</span>` : '';
      return a.path === null
        ? `<li>${h(label)}: not written.${warning}</li>`
        : `<li><a href="${h(a.path)}">${h(label)}</a> <span class="sub">${h(formatBytes(a.sizeBytes))}${a.samples !== undefined ? `, ${h(formatCount(a.samples))} samples` : ''}</span>${warning}</li>`;
    })
    .join('');
}

function selfTimeTable(profile: VariantProfile): string {
  if (!profile.selfTime || profile.selfTime.length === 0) return '';
  const rows = profile.selfTime.map(
    (r, i) => `<tr><td class="num">${i + 1}</td><td><code>${h(r.functionName || '(anonymous)')}</code> ${where(r)}</td><td class="num">${h(formatMs(r.selfMs))}</td><td class="num">${h(formatPercent(r.selfShare))}</td></tr>`,
  );
  return `<h4>Top self time <span class="sub">of ${h(formatMs(profile.totalSampledMs))} sampled</span></h4>
<div class="table-wrap"><table><thead><tr><th class="num">#</th><th>Function</th><th class="num">Self</th><th class="num">Share</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function allocationTable(profile: VariantProfile): string {
  if (!profile.allocationSites || profile.allocationSites.length === 0) return '';
  const rows = profile.allocationSites.map(
    (r, i) => `<tr><td class="num">${i + 1}</td><td><code>${h(r.functionName || '(anonymous)')}</code> ${where(r)}</td><td class="num">${h(formatBytes(r.bytes))}</td><td class="num">${h(formatPercent(r.share))}</td></tr>`,
  );
  const perOp = profile.bytesPerOp === null ? '' : `; ${h(formatBytes(profile.bytesPerOp))} per op (sampled estimate)`;
  return `<h4>Top allocation sites <span class="sub">${h(formatBytes(profile.totalSampledBytes))} sampled${perOp}</span></h4>
<div class="table-wrap"><table><thead><tr><th class="num">#</th><th>Allocated in</th><th class="num">Bytes</th><th class="num">Share</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function profileCard(profile: VariantProfile, colours: ReadonlyMap<string, string>): string {
  const cost =
    profile.throughputVsTimed === null
      ? ''
      : `<p class="note">Profiled process: ${profile.throughput === null ? '' : `${h(formatOpsPerSec(profile.throughput))}, `}${h(formatPercent(profile.throughputVsTimed))} of the variant's timed speed (the ${h(profile.kind)} profiler's cost; the timed repeats ran without it).</p>`;
  const failure = profile.status === 'ok' ? '' : `<p class="bad">The profiled process ${h(profile.status)}: ${h(profile.error ?? '')}</p>`;
  return `<div class="profile">
<h3>${variantCell(profile.variant, colours)} <span class="sub">${h(profile.kind)} profile</span></h3>
${failure}<ul class="artifacts">${artifactLinks(profile)}</ul>
${cost}
${selfTimeTable(profile)}${allocationTable(profile)}
</div>`;
}

function sideBySide(profiles: readonly VariantProfile[], colours: ReadonlyMap<string, string>): string {
  const cpu = profiles.filter((p) => p.kind === 'cpu' && p.selfTime && p.selfTime.length > 0);
  if (cpu.length < 2) return '';
  const head = cpu.map((p) => `<th>${variantCell(p.variant, colours)}</th>`).join('');
  const rows = Array.from({ length: SIDE_BY_SIDE_ROWS }, (_, i) => {
    const cells = cpu.map((p) => {
      const r = p.selfTime![i];
      return r ? `<td><code>${h(r.functionName || '(anonymous)')}</code> ${h(formatPercent(r.selfShare))}<br>${where(r)}</td>` : `<td>${MISSING}</td>`;
    });
    return `<tr><td class="num">${i + 1}</td>${cells.join('')}</tr>`;
  });
  return `<h3>Top self-time functions side by side</h3>
<div class="table-wrap"><table><thead><tr><th class="num">#</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

export function renderProfilesSection(profiles: readonly VariantProfile[], colours: ReadonlyMap<string, string>): string {
  if (profiles.length === 0) return '';
  return `<section class="card" id="profiles">
<h2>Profiles</h2>
<p class="note">Each profile comes from a separate process that ran the same measured phase with the profiler on; only that phase is profiled (not loading or verifying). Native frames are C++ (better-sqlite3's statement execution, including SQLite's I/O and fsync). The pooled variant's worker threads are not in these profiles: their time shows as idle on the main thread.</p>
${sideBySide(profiles, colours)}
${profiles.map((p) => profileCard(p, colours)).join('\n')}
</section>`;
}
