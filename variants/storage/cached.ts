/**
 * cached: a read cache and a Bloom filter in front of a batched store.
 *
 * - get: the Bloom filter first; "definitely absent" answers undefined
 *   without touching cache or SQLite (bloomNegatives). Otherwise the LRU
 *   cache (cacheHits), and on a miss the batched store (cacheMisses), whose
 *   answer is cached, absent keys included (a negative entry), so repeated
 *   reads of a deleted key or a Bloom false positive stay in memory.
 * - writes go through: put updates store, filter and cache; delete updates
 *   the store and drops the cache entry. Every write passes through this
 *   object, which is what keeps cached entries, negative ones included, right.
 * - scans go straight to the batched store (caching ranges is another design).
 *
 * The filter is rebuilt from the keys on disk at open, and again (twice as
 * large) when more distinct keys were added than it was sized for, because a
 * Bloom filter's false-positive rate climbs quickly past its capacity.
 *
 * Values returned by get() are shared with the cache: treat them as read-only.
 */
import { LRUCache } from 'lru-cache';
import { readSettings, type SettingSpecs } from '../../lib/settings.ts';
import { BATCH_SETTINGS, BatchedStore } from './batched.ts';
import { BloomFilter } from './bloom-filter.ts';
import type { Entry, ScanOptions, Store, StoreCounters, StoreOptions, StoreVariant, WriteOp } from './store.ts';
import type { FolderBacked } from './store-folder.ts';

type CacheSettingName = 'cacheEntries' | 'bloomExpectedItems' | 'bloomFalsePositiveRate';

const CACHE_SETTINGS: SettingSpecs<CacheSettingName> = {
  cacheEntries: { default: 10_000, min: 1, integer: true, meaning: 'entries the LRU read cache holds' },
  bloomExpectedItems: {
    default: 100_000, min: 1, integer: true,
    meaning: 'keys the Bloom filter is first sized for (it doubles when exceeded)',
  },
  bloomFalsePositiveRate: {
    default: 0.01, min: 0, max: 1, minExclusive: true, maxExclusive: true, integer: false,
    meaning: 'target false-positive rate of the Bloom filter',
  },
};

/** A cached "no such key". */
const ABSENT: unique symbol = Symbol('absent');
type Cached = Uint8Array | typeof ABSENT;

export class CachedStore implements Store, FolderBacked {
  readonly #cache: LRUCache<string, Cached>;
  #bloom!: BloomFilter;
  /** Keys the current filter was sized for. */
  #bloomCapacity = 0;
  /** Distinct keys added to the current filter, as far as it can tell (add() that set a new bit). */
  #bloomKeys = 0;
  #hits = 0;
  #misses = 0;
  #evictions = 0;
  #bloomNegatives = 0;
  #bloomRebuilds = 0;

  private constructor(
    private readonly inner: BatchedStore,
    cacheEntries: number,
    private readonly bloomExpectedItems: number,
    private readonly bloomFalsePositiveRate: number,
  ) {
    this.#cache = new LRUCache<string, Cached>({
      max: cacheEntries,
      // Called for overwrites and deletes too; only capacity evictions count.
      dispose: (_value, _key, reason) => {
        if (reason === 'evict') this.#evictions += 1;
      },
    });
    this.#rebuildBloom(0);
  }

  static open(options: StoreOptions = {}): CachedStore {
    const { cacheEntries, bloomExpectedItems, bloomFalsePositiveRate, ...batchSettings } = readSettings(
      'cached store', options.settings, { ...CACHE_SETTINGS, ...BATCH_SETTINGS },
    );
    const inner = BatchedStore.open({ ...options, settings: batchSettings }, 'cached');
    try {
      return new CachedStore(inner, cacheEntries, bloomExpectedItems, bloomFalsePositiveRate);
    } catch (error) {
      inner.close();
      throw error;
    }
  }

  get dir(): string {
    return this.inner.dir;
  }

  get(key: string): Uint8Array | undefined {
    if (!this.#bloom.mightContain(key)) {
      this.#bloomNegatives += 1;
      return undefined;
    }
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      this.#hits += 1;
      return cached === ABSENT ? undefined : cached;
    }
    this.#misses += 1;
    const value = this.inner.get(key);
    this.#cache.set(key, value ?? ABSENT);
    return value;
  }

  put(key: string, value: Uint8Array): void {
    this.inner.put(key, value);
    this.#remember(key, value);
  }

  delete(key: string): void {
    this.inner.delete(key);
    this.#cache.delete(key);
  }

  batch(ops: readonly WriteOp[]): void {
    this.inner.batch(ops); // validates and stages all ops, or throws before any
    for (const op of ops) {
      if (op.type === 'put') this.#remember(op.key, op.value);
      else this.#cache.delete(op.key);
    }
  }

  scan(options: ScanOptions): Entry[] {
    return this.inner.scan(options);
  }

  flush(): void {
    this.inner.flush();
  }

  close(): void {
    this.#cache.clear();
    this.inner.close();
  }

  counters(): StoreCounters {
    return {
      ...this.inner.counters(),
      cacheHits: this.#hits,
      cacheMisses: this.#misses,
      cacheEvictions: this.#evictions,
      bloomNegatives: this.#bloomNegatives,
      bloomRebuilds: this.#bloomRebuilds,
    };
  }

  #remember(key: string, value: Uint8Array): void {
    // A copy, as the caller may reuse its buffer after put returns.
    this.#cache.set(key, new Uint8Array(value));
    if (this.#bloom.add(key)) {
      this.#bloomKeys += 1;
      if (this.#bloomKeys > this.#bloomCapacity) this.#rebuildBloom(2 * this.#bloomKeys);
    }
  }

  /** Sizes a filter for max(configured, minCapacity, keys on disk) and fills it from disk (at most two passes). */
  #rebuildBloom(minCapacity: number): void {
    let capacity = Math.max(this.bloomExpectedItems, minCapacity);
    for (;;) {
      const bloom = BloomFilter.forCapacity(capacity, this.bloomFalsePositiveRate);
      let keys = 0;
      for (const key of this.inner.keys()) {
        bloom.add(key);
        keys += 1;
      }
      if (keys <= capacity) {
        this.#bloom = bloom;
        this.#bloomCapacity = capacity;
        this.#bloomKeys = keys;
        if (minCapacity > 0) this.#bloomRebuilds += 1;
        return;
      }
      capacity = 2 * keys;
    }
  }
}

export const cached: StoreVariant = {
  name: 'cached',
  settings: { ...CACHE_SETTINGS, ...BATCH_SETTINGS },
  description: 'LRU read cache (hit/miss/eviction counters) and a Bloom filter of present keys in front of the batched store; write-through',
  open: async (options) => CachedStore.open(options),
};
