/**
 * The layering of varbench, checked by `npm run lint:layers` (part of
 * `npm test`). Each rule says which way imports may go and why; README
 * "Architecture" draws the same picture.
 *
 *   lib/                      primitives: import nothing of the project
 *   variants/                 the measured code: never the harness
 *   harness/core, stats,      data and arithmetic: never the run, the report
 *   instruments, profile        or the command line
 *   harness/gate              the baseline gate: never the report or the CLI
 *   harness/report            formats a model: never runs anything
 *   harness/subjects/<name>/  one subject; only the registry and the subject
 *                             itself know it by name
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes load order matter and hides which layer depends on which: break it by moving the shared type down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-imports-nothing-of-the-project',
      severity: 'error',
      comment: 'lib/ holds primitives any part may use (prng, hashing, settings readers, the worker loader); they must not pull in the harness or the variants.',
      from: { path: '^lib/' },
      to: { path: '^(harness|variants|scenarios|targets|test|scripts)/' },
    },
    {
      name: 'variants-never-import-the-harness',
      severity: 'error',
      comment: 'The variants are the measured code: a variant that imports the harness measures the harness too, and cannot be used without it.',
      from: { path: '^variants/' },
      to: { path: '^(harness|scenarios|targets|test|scripts)/' },
    },
    {
      name: 'only-the-registry-knows-subjects-by-name',
      severity: 'error',
      comment: 'The harness reaches a subject through the Subject interface (harness/subjects/subject.ts) and the registry; a new subject must not need edits elsewhere.',
      from: { path: '^harness/', pathNot: '^harness/subjects/' },
      to: { path: '^harness/subjects/(?!subject\\.ts$|registry\\.ts$)[^/]+' },
    },
    {
      name: 'subjects-do-not-import-each-other',
      severity: 'error',
      comment: 'Each subject is a folder of its own; what two subjects share belongs in the harness or lib/.',
      from: { path: '^harness/subjects/([^/]+)/' },
      to: { path: '^harness/subjects/[^/]+/', pathNot: '^harness/subjects/$1/' },
    },
    {
      name: 'lower-layers-never-import-upper-ones',
      severity: 'error',
      comment: 'core, stats, instruments and profile are data and arithmetic: they must not depend on running jobs, reporting or the command line.',
      from: { path: '^harness/(core|stats|instruments|profile)/' },
      to: { path: '^harness/(cli|run|report|plan)/' },
    },
    {
      name: 'the-gate-does-not-format-or-parse-the-command-line',
      severity: 'error',
      comment: 'The gate decides verdicts from data; the report words them and the CLI calls it.',
      from: { path: '^harness/gate/' },
      to: { path: '^harness/(cli|report|run)/' },
    },
    {
      name: 'the-report-only-formats',
      severity: 'error',
      comment: 'Reports are rendered from results.json alone: no running, no command line, no gate decisions.',
      from: { path: '^harness/report/' },
      to: { path: '^harness/(cli|run)/' },
    },
    {
      name: 'the-product-never-imports-tests',
      severity: 'error',
      comment: 'Test hooks (e.g. the slowdown hook) are preloaded by tests and CI, never imported by the product.',
      from: { path: '^(harness|lib|variants|scenarios|targets)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|reports|docs)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js'] },
  },
};
