/** A scenario of the test-only sorting subject (test/support/sorting-subject/subject.ts). */
export default {
  name: 'sort-numbers',
  description: 'Sorts 5,000 seeded random numbers three ways.',
  subject: 'sorting',
  repeats: 2,
  variants: ['builtin', 'typed', 'insertion'],
  length: 5_000,
  runs: 3,
  seed: 7,
};
