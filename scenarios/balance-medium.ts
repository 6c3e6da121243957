import { defineScenario } from './define.ts';

/**
 * 554k storage updates, 181k latest rows (8.2k mapped), a 45 MB database:
 * generated in ~5 s the first time, then read from the cache. naive takes
 * ~6 s a run (most of it hashing 2,000 accounts' slots), so a job of 1 cold
 * + 3 measured runs takes ~25 s for it and a few seconds for the others.
 */
export default defineScenario({
  name: 'balance-medium',
  description: 'ERC-20 balances of 2,000 accounts for 8 tokens over 2,000 blocks (554k storage updates) of a generated Pathfinder database.',
  subject: 'balance',
  source: {
    kind: 'generated',
    seed: 2,
    tokens: 8,
    accounts: 2_000,
    otherHolders: 30_000,
    blocks: 2_000,
    transfersPerBlock: 100,
    noisePerBlock: 100,
    otherContracts: 50,
  },
  runs: 3,
  repeats: 3,
  timeoutMs: 300_000,
});
