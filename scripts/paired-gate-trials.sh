#!/usr/bin/env bash
# Repeats CI's paired-gate proof (.ci/gate-check: A/A against HEAD must not
# raise an alarm; cached made slower on side B must exit 4) TRIALS times,
# each a fresh A/B run with nothing shared between trials, and tallies how
# often each check held. The README's figures:
#
#   GATE_SLOWDOWN=0.1 bash scripts/paired-gate-trials.sh 10 > trials.log 2>&1
# GATE_BUDGET, GATE_METRICS, GATE_THRESHOLD and GATE_SLOWDOWN pass through to .ci/gate-check.
set -uo pipefail
cd "$(dirname "$0")/.."
trials=${1:?usage: paired-gate-trials.sh TRIALS}
aa=0
caught=0
for i in $(seq 1 "$trials"); do
  work=$(mktemp -d)
  start=$(date +%s)
  out=$(bash .ci/gate-check "$work" 2>/dev/null)
  status=$?
  echo "trial $i: exit $status in $(( $(date +%s) - start )) s"
  echo "$out" | sed 's/^/  /'
  echo "$out" | grep -q '^A/A, the unchanged tree against HEAD: exit 0' && aa=$((aa + 1))
  echo "$out" | grep -q 'slower on side B: exit 4, as it must' && caught=$((caught + 1))
  rm -rf "$work"
done
echo "A/A without a false alarm in $aa of $trials trials; slowdown caught in $caught of $trials trials"
