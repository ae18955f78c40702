#!/usr/bin/env bash
# Builds the `animegan` command line into artifacts/cli (run it with ./animegan).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish src/AnimeGan.Cli/AnimeGan.Cli.csproj -c Release -o artifacts/cli --nologo -v quiet
echo "Built artifacts/cli; run ./animegan --help"
