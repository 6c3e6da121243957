/**
 * The shapes of the two profile files, as the Chrome DevTools Protocol
 * defines them and as DevTools, speedscope and 0x read them:
 * - .cpuprofile = Profiler.Profile
 *   (https://chromedevtools.github.io/devtools-protocol/v8/Profiler/#type-Profile);
 * - .heapprofile = HeapProfiler.SamplingHeapProfile
 *   (https://chromedevtools.github.io/devtools-protocol/v8/HeapProfiler/#type-SamplingHeapProfile).
 * Only the fields the harness reads are typed; files keep everything V8 sent.
 */

export interface CallFrame {
  /** Empty for anonymous functions. */
  functionName: string;
  scriptId: string;
  /** file:// URL, node:internal/... or empty for native code. */
  url: string;
  /** 0-based; -1 when unknown (native functions, GC, idle). */
  lineNumber: number;
  /** 0-based; -1 when unknown. */
  columnNumber: number;
}

export interface CpuProfileNode {
  id: number;
  callFrame: CallFrame;
  /** Samples whose top frame is this node. */
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  /** Microseconds, V8's monotonic clock. */
  startTime: number;
  endTime: number;
  /** Node id of the top frame of each sample, in time order. */
  samples?: number[];
  /** Microseconds since the previous sample (the first: since startTime). */
  timeDeltas?: number[];
}

export interface SamplingHeapProfileNode {
  callFrame: CallFrame;
  /**
   * Bytes allocated at this site by the sampled allocations, already scaled by
   * V8 to estimate all allocations (SamplingHeapProfiler::ScaleSample: a
   * sample of size s at mean interval r counts 1 / (1 - e^(-s/r)) times).
   */
  selfSize: number;
  id: number;
  children: SamplingHeapProfileNode[];
}

export interface SamplingHeapProfileSample {
  /** Size of the sampled object (unscaled). */
  size: number;
  nodeId: number;
  ordinal: number;
}

export interface SamplingHeapProfile {
  head: SamplingHeapProfileNode;
  samples?: SamplingHeapProfileSample[];
}
