#!/usr/bin/env bash
# Runs the local host (http://127.0.0.1:7071 unless ASPNETCORE_URLS says otherwise).
# With AzureWebJobsStorage unset or UseDevelopmentStorage=true it uses Azurite on ports 10000-10002, and when
# nothing answers there it installs the pinned Azurite and starts it, keeping its data in .azurite/ so a restart
# keeps the data. Any other AzureWebJobsStorage connection string is used as given.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:7071}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
# A development-only key for the identity hashes; Azure reads the real one from Key Vault (Identity__HashKey).
export Identity__HashKey="${Identity__HashKey:-bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1pZGVudGl0eS1oYXNoLWtleQ==}"
# The development token key (tools/dev-token signs with it) and the simulated identity provider's secret, each only
# when the environment has none: a test harness or a developer may choose their own.
source tools/development.env

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

azurite_pid=""
cleanup() { [[ -n "$azurite_pid" ]] && kill "$azurite_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

if [[ "$AzureWebJobsStorage" == "UseDevelopmentStorage=true" ]]; then
  up=0
  for port in 10000 10001 10002; do answers "$port" && up=$((up + 1)); done
  if [[ $up -eq 3 ]]; then
    echo "Using the storage emulator already answering on 127.0.0.1:10000-10002."
  elif [[ $up -gt 0 ]]; then
    echo "Some of ports 10000-10002 answer and some do not: stop whatever holds them, or set AzureWebJobsStorage." >&2
    exit 1
  else
    tools/azurite/ensure-installed.sh
    mkdir -p .azurite
    echo "Starting Azurite (data in .azurite/, log in .azurite/azurite.log) ..."
    tools/azurite/node_modules/.bin/azurite --skipApiVersionCheck --loose --disableTelemetry \
      --location .azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      > .azurite/azurite.log 2>&1 &
    azurite_pid=$!
    for _ in $(seq 1 100); do
      answers 10000 && answers 10001 && answers 10002 && break
      sleep 0.2
    done
    answers 10002 || { echo "Azurite did not start; see .azurite/azurite.log" >&2; exit 1; }
  fi
else
  echo "Using the storage in AzureWebJobsStorage as given; no Azurite is started."
fi

tools/console/ensure-built.sh   # the compliance console at /console (rebuilt only when its sources change)
dotnet build src/LiveCommerce.LocalHost -c Release -nologo -v q -clp:ErrorsOnly
echo "Local host on $ASPNETCORE_URLS (Ctrl+C stops it)."
# Started from its output folder so its appsettings.json is the content root's.
(cd src/LiveCommerce.LocalHost/bin/Release/net10.0 && exec dotnet LiveCommerce.LocalHost.dll) &
host_pid=$!
trap 'kill $host_pid 2>/dev/null || true; cleanup' EXIT INT TERM
wait $host_pid
