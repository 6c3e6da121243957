#!/usr/bin/env bash
# Repeats CI's gate proof (.ci/gate-check: a fresh baseline, the unchanged
# tree must pass, cached made 2x slower must exit 4) TRIALS times and tallies
# how often each check held.
#
#   bash scripts/ci-gate-trials.sh TRIALS > trials.log 2>&1
set -uo pipefail
cd "$(dirname "$0")/.."
trials=${1:?usage: ci-gate-trials.sh TRIALS}
ok=0
for i in $(seq 1 "$trials"); do
  work=$(mktemp -d)
  start=$(date +%s)
  out=$(bash .ci/gate-check "$work" 2>/dev/null)
  status=$?
  echo "trial $i: exit $status in $(( $(date +%s) - start )) s: $(echo "$out" | tr '\n' ' ')"
  [ "$status" -eq 0 ] && ok=$((ok + 1))
  rm -rf "$work"
done
echo "both checks held in $ok of $trials trials"
