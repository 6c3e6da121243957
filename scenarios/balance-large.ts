import { defineScenario } from './define.ts';

/**
 * 2.6M storage updates, 1.07M latest rows, a 235 MB database: generated in
 * ~50 s the first time (then cached). naive needs ~30 s a run, so this
 * scenario takes several minutes; run it with --variant batched,cached to
 * look at the fast variants alone.
 */
export default defineScenario({
  name: 'balance-large',
  description: 'ERC-20 balances of 10,000 accounts for 16 tokens over 5,000 blocks (2.6M storage updates) of a generated Pathfinder database.',
  subject: 'balance',
  source: {
    kind: 'generated',
    seed: 3,
    tokens: 16,
    accounts: 10_000,
    otherHolders: 200_000,
    blocks: 5_000,
    transfersPerBlock: 200,
    noisePerBlock: 200,
    otherContracts: 200,
  },
  runs: 2,
  repeats: 3,
  timeoutMs: 900_000,
});
