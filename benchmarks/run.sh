#!/usr/bin/env bash
# Runs the benchmarks of docs/benchmarks.md and prints their results table (medians, ratios, goals).
#
#   benchmarks/run.sh --quick         in-process BenchmarkDotNet runs, few iterations, one Respect run per loop
#                                     length: the ratios in under two minutes
#   benchmarks/run.sh                 the full run: out-of-process BenchmarkDotNet jobs, five Respect runs per length
#   benchmarks/run.sh --no-respect    either, without benchmark 6 (needs neither node nor npm)
#
# Benchmark 6 installs Redocly CLI (the version package.json pins) into benchmarks/respect/node_modules from the npm
# registry once. Respect is pointed at a server on 127.0.0.1 and run with telemetry and update checks off.
# BenchmarkDotNet writes its reports to benchmarks/BenchmarkDotNet.Artifacts.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ " $* " != *" --no-respect "* ]] && [ ! -x "$here/respect/node_modules/.bin/redocly" ]; then
    (cd "$here/respect" && npm install --no-audit --no-fund --loglevel=error)
fi

dotnet build "$here/ArazzoGen.Benchmarks/ArazzoGen.Benchmarks.csproj" -c Release -v quiet -nologo >/dev/null
cd "$here"
exec dotnet "$here/ArazzoGen.Benchmarks/bin/Release/net10.0/ArazzoGen.Benchmarks.dll" \
    --repository "$repo" --artifacts "$here/BenchmarkDotNet.Artifacts" "$@"
