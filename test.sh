#!/usr/bin/env bash
# Builds everything that can be built here, compiles infra/, runs every test project (each starts its own Azurite
# on free ports), and ends with the line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results=.artifacts/test-results
rm -rf "$results" && mkdir -p "$results"
broken=0   # steps that failed outside the test runner count as failures in the summary

step() { echo; echo "== $*"; }

step "Azurite (pinned in tools/azurite/package-lock.json)"
tools/azurite/ensure-installed.sh || broken=$((broken + 1))

step "Compliance console (src/compliance-console, npm packages pinned in its package-lock.json)"
tools/console/ensure-built.sh || broken=$((broken + 1))
# The browser tests drive Debian's chromium (Playwright's own browser download cannot work offline), with a CJK font
# so the Chinese pages render in the screenshots.
if [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null) || broken=$((broken + 1))
  else
    echo "chromium is needed for the console's browser tests: apt-get install chromium (as root)"; broken=$((broken + 1))
  fi
fi

step "Restore and build (LiveCommerceFunctions.Local.slnf: every project but the Functions app)"
dotnet build LiveCommerceFunctions.Local.slnf -c Release -nologo -v q -clp:ErrorsOnly -warnaserror -warnnotaserror:NU1603 || broken=$((broken + 1))

step "Infrastructure (infra/, with the Bicep compiler from NuGet)"
if [[ -x infra/build.sh ]]; then
  infra/build.sh || broken=$((broken + 1))
else
  echo "infra/build.sh is missing"; broken=$((broken + 1))
fi

# Warnings are errors through Directory.Build.props (NU1603 exempted by name there). No -warnaserror on the command
# line here: it would reach the SDK-generated WorkerExtensions.csproj, which does not import the props.
step "Azure Functions app (src/LiveCommerce.Functions and its tests)"
functions_tests=tests/LiveCommerce.Functions.Tests
if ! dotnet build "$functions_tests" -c Release -nologo -v q -clp:ErrorsOnly; then
  broken=$((broken + 1))
  functions_tests=""
fi

step "Tests"
test_failed=0
for project in tests/LiveCommerce.Domain.Tests tests/LiveCommerce.Workflows.Tests tests/LiveCommerce.Api.Tests tests/LiveCommerce.Console.Tests $functions_tests; do
  name=$(basename "$project")
  echo "-- $name"
  if ! dotnet test "$project" -c Release --no-build -nologo -v q \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results"; then
    test_failed=1
  fi
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  attr() { grep -oE "$1=\"[0-9]+\"" <<<"$counters" | grep -oE '[0-9]+' || echo 0; }
  total=$(attr total); executed=$(attr executed); p=$(attr passed); f=$(attr failed); e=$(attr error)
  passed=$((passed + p)); failed=$((failed + f + e)); skipped=$((skipped + total - executed))
done
if [[ $test_failed -ne 0 && $failed -eq 0 ]]; then
  failed=1   # the runner failed without a failed test (a crash or a project that did not run): never report green
fi
failed=$((failed + broken))
echo
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
