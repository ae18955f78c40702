#!/usr/bin/env bash
# Runs every test: ./release.sh (whose artifacts the release tests install and use), the xunit projects
# (dotnet test), then the PowerShell module's Pester suite in a real
# PowerShell 7.6.9 with Pester 5.9.1, both installed here if missing (PowerShell as a .NET tool under
# artifacts/tools, Pester from its NuGet package). Tests that need models use $ANIMEGAN_MODELS when set,
# else they install the models from ../shared/models through the engine's own offline install.
# Prints one closing line "Tests: N passed, N failed, N skipped"; a skipped test fails the run.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results=artifacts/test-results
tools=artifacts/tools
rm -rf "$results"
mkdir -p "$results"
status=0

if [ ! -x "$tools/pwsh" ]; then
  dotnet tool install PowerShell --version 7.6.9 --tool-path "$tools" >/dev/null
fi
dotnet restore tests/PowerShell/PesterTools.proj --nologo -v quiet >/dev/null
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
pester="${packages%/}/pester/5.9.1/tools/Pester.psd1"

# The release artifacts, built the way a release is, for tests/AnimeGan.Release.Tests (and the Paint.NET
# zip test) to install and use. No image registry is reachable here: the container's base image is a
# Debian root file system made with mmdebstrap (packaging/base-image.sh, cached under artifacts/base), and
# the build stage runs this machine's .NET SDK and NuGet packages, mounted into it.
export CONTAINERS_CONF="$PWD/packaging/containers.conf"
base=$(packaging/base-image.sh)
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
export ANIMEGAN_SDK_IMAGE="$base" ANIMEGAN_RUNTIME_IMAGE="$base"
export ANIMEGAN_CONTAINER_BUILD_ARGS="--network host -v $dotnet_root:/usr/share/dotnet:ro -v ${packages%/}:/root/.nuget/packages -v /etc/ssl/certs:/etc/ssl/certs:ro"
export ANIMEGAN_RELEASE_MODELS="${ANIMEGAN_RELEASE_MODELS:-${ANIMEGAN_SHARED:-$PWD/../shared}/models}"
started=$(date +%s)
./release.sh > "$results/release.log" 2>&1 || { tail -40 "$results/release.log" >&2; echo "release.sh failed" >&2; exit 1; }
echo "release.sh: $(( $(date +%s) - started )) s (log: $results/release.log)"

dotnet test AnimeGanPlugins.sln -c Release --nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" 2>&1 | tee "$results/console.log" || status=$?
if grep -q -E "Test Run Aborted|Test host process crashed" "$results/console.log"; then
  echo "A test host crashed: the counts below are incomplete." >&2
  status=1
fi

# The module folder the Pester suite imports was laid out by the build of the PowerShell tests above.
"$tools/pwsh" -NoProfile -NonInteractive -File tests/PowerShell/Invoke-PesterSuite.ps1 -PesterPath "$pester" -ResultsFolder "$results" 2>&1 | tee "$results/pester.log" || status=1
if [ ! -f "$results/pester-counts.txt" ]; then
  echo "The Pester suite wrote no counts." >&2
  echo "0 0 1 0" > "$results/pester-counts.txt"
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
read -r ptotal ppassed pfailed pskipped < "$results/pester-counts.txt"
total=$((total + ptotal)); passed=$((passed + ppassed)); failed=$((failed + pfailed)); skipped=$((skipped + pskipped))
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$total" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
if [ "$skipped" -ne 0 ]; then echo "Skipped tests count as failures here: every test must run." >&2; exit 1; fi
if [ "$failed" -ne 0 ]; then status=1; fi
exit $status
