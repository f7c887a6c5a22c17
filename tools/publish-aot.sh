#!/usr/bin/env bash
# Publishes samples/DustRunApp with native AOT for linux-x64, counts the trim and AOT warnings, and runs the
# native binary against its embedded simulator on 127.0.0.1. The last result is recorded in docs/native-aot.md.
#
#   tools/publish-aot.sh [output-folder]
#
# The build is made in a fresh artifacts folder, so every warning is reported again, not hidden by an earlier
# incremental build. ILCompiler comes from the NuGet registry (the SDK picks its version). It links with clang when
# clang is installed and with gcc otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

out="${1:-$(mktemp -d)/DustRunApp}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

linker=()
if ! command -v clang >/dev/null 2>&1; then
  echo "clang not found: linking with gcc (-p:CppCompilerAndLinker=gcc)"
  linker=(-p:CppCompilerAndLinker=gcc)
fi

start=$(date +%s)
status=0
dotnet publish samples/DustRunApp -c Release -r linux-x64 -p:PublishAot=true "${linker[@]}" \
  --artifacts-path "$work/artifacts" -o "$out" -nodeReuse:false -p:UseSharedCompilation=false \
  >"$work/publish.log" 2>&1 || status=$?
seconds=$(( $(date +%s) - start ))

# Trim (IL2xxx) and AOT (IL3xxx) warnings, each counted once even when MSBuild repeats it.
warnings=$( (grep -Eo 'warning IL[0-9]+:[^[]*' "$work/publish.log" || true) | sort -u | wc -l)
grep -E 'warning IL[0-9]+|error' "$work/publish.log" | sort -u || true

if [ "$status" -ne 0 ]; then
  tail -n 30 "$work/publish.log"
  echo "publish failed after ${seconds} s (exit ${status}); ${warnings} trim/AOT warnings"
  exit 1
fi

size=$(du -k "$out/DustRunApp" | cut -f1)
echo "published ${out}/DustRunApp (${size} KiB) in ${seconds} s; ${warnings} trim/AOT warnings"
"$out/DustRunApp" | tail -n 4
if [ "$warnings" -ne 0 ]; then
  exit 1
fi
