import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { collectEnvironment } from '../../../harness/core/environment.ts';

describe('collectEnvironment', () => {
  const env = collectEnvironment();

  it('records the runtime and the machine', () => {
    expect(env.node).toBe(process.versions.node);
    expect(env.v8).toBe(process.versions.v8);
    expect(env.cpuCount).toBe(os.availableParallelism());
    expect(env.cpuModel.length).toBeGreaterThan(0);
    expect(env.totalMemoryBytes).toBe(os.totalmem());
  });

  it('knows the version of every recorded package, including those with an exports map', () => {
    expect(Object.keys(env.packages)).toEqual(expect.arrayContaining(['better-sqlite3', 'lru-cache', 'execa', 'chart.js']));
    for (const [name, version] of Object.entries(env.packages)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+/);
    }
  });

  it('records the git commit and whether tracked files changed (null outside a checkout)', () => {
    if (env.gitCommit === null) {
      expect(env.gitDirty).toBeNull();
    } else {
      expect(env.gitCommit).toMatch(/^[0-9a-f]{40}$/);
      expect(typeof env.gitDirty).toBe('boolean');
    }
  });
});
