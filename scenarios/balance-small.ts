import { defineScenario } from './define.ts';

/**
 * CI-sized: 10,363 storage updates, 2,326 latest rows (158 of them mapped
 * balance slots), a 0.7 MB database generated in ~0.2 s and cached. Every
 * variant runs in well under a second; naive's time is mostly hashing the
 * 50 accounts' slots (~3 ms per pedersen hash here).
 */
export default defineScenario({
  name: 'balance-small',
  description: 'ERC-20 balances of 50 accounts for 3 tokens over 200 blocks (10k storage updates) of a generated Pathfinder database.',
  subject: 'balance',
  source: {
    kind: 'generated',
    seed: 1,
    tokens: 3,
    accounts: 50,
    otherHolders: 500,
    blocks: 200,
    transfersPerBlock: 20,
    noisePerBlock: 10,
    otherContracts: 5,
  },
  runs: 5,
  repeats: 3,
});
