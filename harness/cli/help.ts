/**
 * --help: the common options, each registered subject's own (balance:
 * --db, --tokens, --accounts), the gate's, and the exit codes.
 */
import { allSubjects } from '../subjects/registry.ts';

const BEFORE_SUBJECT_OPTIONS = `varbench — benchmark interchangeable implementations (a SQLite key-value store, a Starknet
balance pipeline) in isolated processes

Usage:
  npm run bench -- --scenario <name|path> [options]
  npm run bench -- report <results.json>      re-render index.html and summary.md from a results file
  npm run bench -- calibrate-noise --baseline <name> [--runs 5] [--repeats n]
                                               run the baseline's scenario again and again on this
                                               unchanged tree; store each cell's measured noise and
                                               the gate's false-alarm rate in the baseline
  npm run bench -- --list                      list scenarios and variants

Options:
  --scenario, -s <name|path>  scenario to run: a name from scenarios/ or a path to your own file
  --variant <a,b>             run only these variants (default: the scenario's list, else all)
  --repeats <n>               repeats per variant (default: the scenario's; 3 for mixed-70-20-10)
  --quick                     smoke run: 5,000 records, at most 20,000 ops or 0.3 s per job, 1 repeat
  --timeout <seconds>         per-job time limit (default: the scenario's timeoutMs, else 180)
  --out <dir>                 where reports go (default: reports/); each run gets <dir>/<run-id>/
  --json                      print only the path of results.json on stdout (the rest goes to stderr)
  --profile <kinds>           also profile each variant in extra processes: cpu, heap, flame (any
                              subset) or all (= cpu,heap,flame); doctor (clinic doctor) only when
                              named; the timed repeats are never profiled
  --cpu-sampling-interval <µs>  CPU profile sampling interval (default 100)
`;

const AFTER_SUBJECT_OPTIONS = `
The paired gate: this tree against another git ref, measured side by side (storage scenarios):
  --against <ref>             run every job on both sides, alternately (A = <ref>, checked out into
                              .varbench/refs/<commit>; B = this working tree, uncommitted changes
                              included), and compare each pair; exit 4 when a cell is worse by more
                              than --noise-threshold at the stated confidence, exit 5 when a cell
                              stays undecided. --against HEAD on a clean tree is an A/A check
  --budget <time>             keep adding pairs (e.g. 5m, 90s) until every cell is decided, one is
                              worse, or the time is spent (default: a fixed number of pairs, --repeats or the
                              fewest the cells need)
  --allow-incomparable        exit 0 instead of 5 when a gate cannot judge (cells undecided, a
                              baseline not comparable, a flagged cell inconclusive)
  --metrics <groups>          with --against: default throughput,cpu

Targets and the regression gate (storage scenarios):
  --targets <file>            performance targets to check (default targets/default.ts); every run
                              shows them; an unknown scenario, variant or metric is an error
  --check                     exit 3 when a target fails, 5 when one is undecided (its interval
                              straddles the bound)
  --save-baseline <name>      save this run as reports/baselines/<name>.json (raw samples, environment,
                              machine calibration); only a complete, fully successful run replaces it;
                              use 5 or more repeats (--repeats) so the gate can reach significance
  --baseline <name|path>      compare with a saved baseline; exit 4 on a confirmed regression, 5 when
                              it cannot judge (see --allow-incomparable)
  --noise-threshold <t>       smallest change that can count, e.g. 5% (default) or 0.1; targets'
                              noiseThreshold and the baseline's measured noise can raise it per cell
  --alpha <a>                 significance level after correction (default 0.05)
  --correction holm|bh        multiple-testing correction: Holm (default) or Benjamini-Hochberg
  --confirm <n>               repeats per flagged variant in the confirmation round (default: the
                              run's repeats; 0 turns it off)
  --metrics <groups>          compare only these: throughput, cpu, p50, p99, heap, rss, gc (default all)
  --runs <k>                  calibrate-noise: self-runs (default 5, at least 2); give it the gate's
                              --repeats, --metrics and --noise-threshold so it measures that gate

  --list                      list scenarios and variants, then exit
  --help, -h                  this text
  --version                   print varbench's version

Exit codes (when several apply, the lowest wins):
  0  every job ran, every variant agreed, no checked target failed, no confirmed regression
  1  a job failed: a variant threw, crashed, timed out or disagreed (the others still ran), or
     --save-baseline could not save
  2  usage or input error (unknown scenario, variant or target name, invalid scenario or targets
     file, missing or corrupt baseline); nothing ran
  3  a target failed (with --check)
  4  a regression: against the baseline, confirmed by the confirmation round; or, with --against,
     a cell worse than the other side by more than the threshold
  5  a gate could not judge: --against left a cell undecided (its interval straddles the threshold
     when the pairs or the budget ran out); --baseline was not comparable with this run, or a
     flagged cell stayed inconclusive; with --check, a target's interval straddles its bound.
     --allow-incomparable turns it into 0
  130 interrupted (Ctrl-C), 143 terminated (SIGTERM): the report covers the jobs that finished

Examples:
  npm run bench -- --scenario mixed-70-20-10
  npm run bench -- --scenario mixed-70-20-10 --variant naive,cached --repeats 5
  npm run bench -- --scenario ./my-scenario.ts --quick
  npm run bench -- --scenario balance-small
  npm run bench -- --scenario single-get --check
  npm run bench -- --scenario mixed-70-20-10 --repeats 6 --save-baseline main
  npm run bench -- --scenario mixed-70-20-10 --repeats 6 --baseline main
  npm run bench -- --scenario ci-gate --against main --budget 5m
`;

export function helpText(): string {
  const subjectOptions = allSubjects()
    .map((subject) => subject.options?.helpText ?? '')
    .join('');
  return BEFORE_SUBJECT_OPTIONS + subjectOptions + AFTER_SUBJECT_OPTIONS;
}
