#!/usr/bin/env bash
# Runs every test. Tests that need models use $ANIMEGAN_MODELS when set, else they install the models
# from ../shared/models into a temporary store through the engine's own offline install.
# Prints one closing line "Tests: N passed, N failed, N skipped"; a skipped test fails the run.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
status=0
dotnet test AnimeGanPlugins.sln -c Release --nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" 2>&1 | tee "$results/console.log" || status=$?
if grep -q -E "Test Run Aborted|Test host process crashed" "$results/console.log"; then
  echo "A test host crashed: the counts below are incomplete." >&2
  status=1
fi

shopt -s nullglob
trx=("$results"/*.trx)
if [ ${#trx[@]} -eq 0 ]; then
  echo "Tests: no test results were written" >&2
  exit 1
fi
counts=$(grep -ho '<Counters [^>]*>' "${trx[@]}" | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); v[kv[1]] += kv[2] } }
  END { printf "%d %d %d %d", v["total"], v["passed"], v["failed"], v["total"] - v["passed"] - v["failed"] }')
read -r total passed failed skipped <<<"$counts"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$total" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
if [ "$skipped" -ne 0 ]; then echo "Skipped tests count as failures here: every test must run." >&2; exit 1; fi
exit $status
