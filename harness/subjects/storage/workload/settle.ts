/**
 * Store methods may return a value or a promise (variants/storage/store.ts).
 * Callers await only thenables, so a synchronous variant's calls are not
 * deferred to the microtask queue and it pays no promise tax.
 */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * The value of a store call, awaited only if it is a thenable. For code
 * outside the timed loop (loading, verifying, closing): being an async
 * function, it always yields once itself.
 */
export async function settle<T>(value: T | PromiseLike<T>): Promise<T> {
  return isThenable(value) ? await value : value;
}
