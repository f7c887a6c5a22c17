#!/usr/bin/env bash
# Lints every Arazzo document of the corpus (tests/ArazzoGen.Tests/TestData/corpus, each with the files its row of
# expectations.md names) and the CLI tests' broken documents (tests/ArazzoGen.Cli.Tests/TestData/invalid) with
# Spectral (ruleset spectral:arazzo), Redocly lint (its recommended rules) and `arazzogen check`, and writes which
# errors each reports: tools/lint-compare/out/comparison.md and comparison.tsv. Not part of CI: it needs the npm
# registry once (npm ci) and takes a few minutes.
#
# No network: the linters lint copies whose remote sourceDescriptions urls point at local files (prepare.mjs), and
# run with block-network.cjs preloaded, which refuses any connection or DNS lookup that is not to the loopback
# interface and records it in out/blocked.log (which must stay empty).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$here/out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

[ -x "$here/node_modules/.bin/spectral" ] && [ -x "$here/node_modules/.bin/redocly" ] \
    || (cd "$here" && npm ci --no-audit --no-fund)
rm -rf "$out" && mkdir -p "$out/spectral" "$out/redocly" "$out/arazzogen"
dotnet build "$repo/src/ArazzoGen.Cli/ArazzoGen.Cli.csproj" -c Release -o "$out/cli" -v quiet -nologo >/dev/null
node "$here/prepare.mjs" "$repo" "$out"

export NODE_OPTIONS="--require $here/block-network.cjs" LINT_COMPARE_BLOCKED_LOG="$out/blocked.log"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_NOTIFICATIONS=true NO_COLOR=1
: > "$out/blocked.log"

while IFS=$'\t' read -r copy original files; do
    id=${copy#"$out/tree/"}
    id=${id//\//__}
    echo "$id"
    # One run per document: an exception in one Spectral rule ends the whole run, documents after it unlinted.
    (cd "$out/tree" && "$here/node_modules/.bin/spectral" lint -r "$here/.spectral.yaml" -f json \
        -o "$out/spectral/$id.json" "$copy" > "$out/spectral/$id.log" 2>&1) || true
    (cd "$out/tree" && "$here/node_modules/.bin/redocly" lint --format json "$copy" \
        > "$out/redocly/$id.json" 2> "$out/redocly/$id.log") || true
    # arazzogen reads the originals: it never fetches, and finds a remote url's document by its file name.
    IFS=$'\t' read -ra extra <<< "$files"
    (cd "$repo" && dotnet "$out/cli/ArazzoGen.Cli.dll" check --format json "$original" "${extra[@]}" \
        > "$out/arazzogen/$id.json" 2>&1) || true
done < "$out/manifest.tsv"

node "$here/compare.mjs" "$out"
if [ -s "$out/blocked.log" ]; then
    echo "Blocked network attempts (none was sent):" && cat "$out/blocked.log"
fi
