/**
 * V8's `gc`, which it exposes only under --expose-gc (job processes run with
 * it: child-executor.ts). The options are V8's gc extension's
 * (src/extensions/gc-extension.cc): `{ type: 'minor' }` collects the young
 * generation only, a cheap collection; without options it is a full,
 * synchronous mark-compact.
 */
export type CollectGarbage = (options?: { readonly type?: 'minor' | 'major' }) => void;

export function exposedGc(): CollectGarbage | undefined {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? (gc as CollectGarbage) : undefined;
}
