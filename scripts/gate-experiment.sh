#!/usr/bin/env bash
# The gate's A/A and detection experiments (README "The regression gate").
#
#   bash scripts/gate-experiment.sh RUNS [SLOWDOWN] [extra bench options...]
#
# Saves a fresh baseline of the ci-gate scenario (10 repeats) in a temp
# folder, then runs the gate RUNS times against it, each time with
# VARBENCH_SLOWDOWN=SLOWDOWN preloaded through the test-only hook
# (test/support/slowdown-hook.ts; "none" or empty for an unchanged tree),
# and prints one line per run and the tally of exit codes.
# Extra options go to the baseline save and to every gate run (e.g. --noise-threshold 10%).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:?usage: gate-experiment.sh RUNS [SLOWDOWN|none] [bench options...]}
slowdown=${2:-none}
shift $(( $# >= 2 ? 2 : 1 ))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench() { node --import tsx harness/cli/bin.ts "$@"; }

bench --scenario ci-gate --repeats 10 --save-baseline "$work/baseline.json" --out "$work/runs" --json "$@" > /dev/null 2> "$work/save.log" || { cat "$work/save.log"; exit 1; }
echo "baseline saved ($work/baseline.json); $runs gate runs with slowdown '$slowdown' $*"
declare -A tally=()
for i in $(seq 1 "$runs"); do
  set +e
  if [ "$slowdown" = none ]; then
    bench --scenario ci-gate --baseline "$work/baseline.json" --out "$work/runs" --json "$@" > "$work/path" 2> "$work/log"
  else
    VARBENCH_SLOWDOWN=$slowdown NODE_OPTIONS="--import tsx --import $PWD/test/support/slowdown-hook.ts" \
      bench --scenario ci-gate --baseline "$work/baseline.json" --out "$work/runs" --json "$@" > "$work/path" 2> "$work/log"
  fi
  status=$?
  set -e
  tally[$status]=$(( ${tally[$status]:-0} + 1 ))
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const g = r.gate;
    const cells = g.comparison.cells.filter((c) => c.variant === "cached" && c.metric === "throughput")[0];
    const flagged = g.confirmation ? g.confirmation.flagged.length : 0;
    const confirmed = g.confirmation ? g.confirmation.confirmed.join(" ") : "";
    console.log(`run ${process.argv[2]}: exit ${process.argv[3]}, ${g.outcome}, cached throughput ${(cells.ratio * 100 - 100).toFixed(1)}%, calibration ratio ${g.calibration.ratio.toFixed(3)}, flagged ${flagged}, confirmed [${confirmed}]`);
  ' "$(tail -n 1 "$work/path")" "$i" "$status" || { echo "run $i: exit $status"; tail -5 "$work/log"; }
done
for status in "${!tally[@]}"; do echo "exit $status: ${tally[$status]} of $runs"; done
