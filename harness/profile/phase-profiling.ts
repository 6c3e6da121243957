/**
 * One profiled job's profiling of its measured phase: starts the profiler its
 * ProfileSpec names, stops it (also when the variant threw, so a crash still
 * leaves whatever partial profile exists), writes the artifacts into the run
 * folder, renders the flamegraph, and extracts the report's tables.
 *
 * Artifact paths are stored relative to the run folder so the folder can be
 * zipped and sent with its links intact.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ProfileFindings, ProfileSpec, StoredArtifact } from '../core/results.ts';
import { allocationFromHeapProfile, type AllocationEstimate } from '../instruments/allocated-bytes.ts';
import { topSelfTime, totalSampledMs } from './cpu-profile-analysis.ts';
import { CpuProfiler } from './cpu-profiler.ts';
import { flamegraphFromCpuProfile } from './flame.ts';
import { topAllocationSites, totalSampledBytes } from './heap-profile-analysis.ts';
import { HeapProfiler } from './heap-profiler.ts';
import { missingArtifact, reasonOf, type ProfileArtifact } from './profiler.ts';

export const PROFILES_FOLDER = 'profiles';
const TOP_ROWS = 10;
const FLAME_RENDER_TIMEOUT_MS = 120_000;

export interface PhaseProfiling {
  start(): Promise<void>;
  /** Stops the profiler and writes everything; never rejects (failures become warnings). */
  finish(operations: number): Promise<{ findings: ProfileFindings; allocation: AllocationEstimate | null }>;
}

function stored(artifact: ProfileArtifact, runDir: string): StoredArtifact {
  return artifact.path === null ? artifact : { ...artifact, path: path.relative(runDir, artifact.path) };
}

export function createPhaseProfiling(spec: ProfileSpec, options: { runDir: string; variant: string }): PhaseProfiling {
  const outDir = path.join(options.runDir, PROFILES_FOLDER);
  const baseName = `${options.variant}-${spec.kind}`;
  if (spec.kind === 'doctor') throw new Error('clinic doctor profiles a whole process from outside (harness/doctor-job.ts)');
  const cpu = spec.kind === 'cpu' ? new CpuProfiler({ samplingIntervalUs: spec.cpuSamplingIntervalUs }) : null;
  const heap = spec.kind === 'heap' ? new HeapProfiler() : null;
  const profiler = cpu ?? heap!;
  return {
    start: () => profiler.start(),
    async finish(operations) {
      const artifacts: ProfileArtifact[] = [];
      let allocation: AllocationEstimate | null = null;
      const findings: { -readonly [K in keyof ProfileFindings]: ProfileFindings[K] } = {
        artifacts: [], selfTime: null, totalSampledMs: null, allocationSites: null, totalSampledBytes: null,
      };
      try {
        await mkdir(outDir, { recursive: true });
        const artifact = await profiler.stop(outDir, baseName);
        artifacts.push(artifact);
        if (cpu?.profile) {
          findings.selfTime = topSelfTime(cpu.profile, TOP_ROWS);
          findings.totalSampledMs = totalSampledMs(cpu.profile);
        }
        if (heap?.profile) {
          findings.allocationSites = topAllocationSites(heap.profile, TOP_ROWS);
          findings.totalSampledBytes = totalSampledBytes(heap.profile);
          allocation = allocationFromHeapProfile(heap.profile, operations);
        }
        if (spec.flame) {
          artifacts.push(
            artifact.path === null
              ? missingArtifact('flame', 'no CPU profile was written to draw the flamegraph from')
              : await flamegraphFromCpuProfile({
                  cpuProfilePath: artifact.path,
                  outDir,
                  baseName: `${options.variant}-flamegraph`,
                  title: `${options.variant}: measured phase`,
                  timeoutMs: FLAME_RENDER_TIMEOUT_MS,
                }),
          );
        }
      } catch (error) {
        artifacts.push(missingArtifact(spec.kind, `profiling failed: ${reasonOf(error)}`));
      }
      findings.artifacts = artifacts.map((artifact) => stored(artifact, options.runDir));
      return { findings, allocation };
    },
  };
}
