#!/usr/bin/env bash
# Runs every ArazzoGen conformance case through Redocly Respect (the version package.json pins) and records, per
# case, whether Respect's outcome and request trace match the case's expectation. Not part of CI: it needs the npm
# registry once (npm ci) and takes a few minutes. Results: tools/respect/out/results.tsv; per case, the server's
# trace, Respect's JSON report and its console log under tools/respect/out/<case>/.
#
#   tools/respect/run.sh              every case
#   tools/respect/run.sh 23 31        the cases whose folder names start with these prefixes
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cases="$repo/tests/ArazzoGen.Tests/Conformance/Cases"
out="$here/out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

[ -x "$here/node_modules/.bin/redocly" ] || (cd "$here" && npm ci --no-audit --no-fund)
dotnet build "$repo/tools/ConformanceServer/ConformanceServer.csproj" -c Release -o "$out/server" -v quiet -nologo >/dev/null
tool=(dotnet "$out/server/ConformanceServer.dll")

selected() {
    [ $# -eq 1 ] && return 0
    local name=$1; shift
    for prefix in "$@"; do [[ $name == "$prefix"* ]] && return 0; done
    return 1
}

for dir in "$cases"/*/; do
    name=$(basename "$dir")
    selected "$name" "${@:-}" || continue
    work="$out/$name"
    rm -rf "$work" && mkdir -p "$work"

    # The server stops when its standard input closes (or on SIGTERM), then writes the trace.
    exec {feed}> >("${tool[@]}" serve "$dir" "$work/trace.json" > "$work/server.out" 2> "$work/server.err")
    for _ in $(seq 300); do [ -s "$work/server.out" ] && break; sleep 0.1; done
    url=$(head -n 1 "$work/server.out")

    cp "$dir"/*.yaml "$work/"
    sed -i "s#{{SERVER}}#${url%/}#g" "$work"/*.yaml
    mapfile -t arguments < <("${tool[@]}" args "$dir" "$url")
    (cd "$work" && timeout 300 "$here/node_modules/.bin/redocly" respect "${arguments[@]}" \
        --json-output respect.json > respect.log 2>&1) || true

    exec {feed}>&-
    for _ in $(seq 100); do [ -s "$work/trace.json" ] && break; sleep 0.1; done
    "${tool[@]}" verdict "$dir" "$work/trace.json" "$work/respect.json" | tee "$work/verdict.tsv"
done

# Every case run so far, this time or before (a run of some cases keeps the others' verdicts).
cat "$out"/*/verdict.tsv > "$out/results.tsv"
