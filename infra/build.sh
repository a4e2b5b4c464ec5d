#!/usr/bin/env bash
# Compiles the infrastructure with the Bicep CLI pinned in tools/bicep/Bicep.proj (restored from NuGet, so no
# separate install and no internet beyond the package source). Any diagnostic, warning or error, fails the
# build. Output: .artifacts/infra/ (git-ignored). Usage: ./infra/build.sh
set -euo pipefail

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
infra_dir="$repo_root/infra"
tool_project="$repo_root/tools/bicep/Bicep.proj"
out_dir="$repo_root/.artifacts/infra"
package_id="azure.bicep.commandline.linux-x64"

fail() {
  echo "infra: FAILED - $*" >&2
  exit 1
}

case "$(uname -sm)" in
  "Linux x86_64") ;;
  *) fail "the pinned compiler package is linux-x64; this machine is $(uname -sm)" ;;
esac

# The version lives only in the project file: PackageDownload needs it exact, in brackets.
version="$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' "$tool_project")"
[[ -n "$version" ]] || fail "no bracketed Azure.Bicep.CommandLine.linux-x64 version in $tool_project"

restore_log="$(mktemp)"
trap 'rm -f "$restore_log"' EXIT
if ! dotnet restore "$tool_project" --verbosity quiet >"$restore_log" 2>&1; then
  cat "$restore_log" >&2
  fail "dotnet restore $tool_project"
fi

packages_root="${NUGET_PACKAGES:-}"
if [[ -z "$packages_root" ]]; then
  packages_root="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')"
fi
bicep="${packages_root%/}/$package_id/$version/tools/bicep"
[[ -f "$bicep" ]] || fail "compiler not found at $bicep after restore"
# NuGet does not always preserve the executable bit when it extracts a package.
[[ -x "$bicep" ]] || chmod +x "$bicep"

compiler_version="$("$bicep" --version)"
[[ "$compiler_version" == *"$version"* ]] || fail "expected Bicep $version, got: $compiler_version"

rm -rf "$out_dir"
mkdir -p "$out_dir"

diagnostics=0
# Bicep exits 0 on warnings and prints diagnostics on stderr; a successful run with --outfile prints nothing,
# so any output at all is a diagnostic.
run_bicep() {
  local output
  if ! output="$("$bicep" "$@" 2>&1)" || [[ -n "$output" ]]; then
    printf '%s\n' "${output:-bicep $* failed without a message}" >&2
    diagnostics=$((diagnostics + 1))
  fi
}

cd "$infra_dir"
run_bicep build main.bicep --outfile "$out_dir/main.json"
run_bicep lint main.bicep

param_files=(*.bicepparam)
[[ -e "${param_files[0]}" ]] || fail "no *.bicepparam files in infra/"
for param_file in "${param_files[@]}"; do
  run_bicep build-params "$param_file" --outfile "$out_dir/${param_file%.bicepparam}.parameters.json"
  run_bicep lint "$param_file"
done

if ((diagnostics > 0)); then
  fail "$diagnostics Bicep step(s) reported diagnostics (Bicep $version)"
fi

echo "infra: OK - Bicep $version compiled main.bicep and ${#param_files[@]} parameter files with 0 diagnostics, lint clean -> ${out_dir#"$repo_root"/}"
