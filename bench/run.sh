#!/usr/bin/env sh
# Runs every jobman benchmark: packs and installs the tool into a temp dir, starts the local doubles, prints
# one "name: value unit" line per figure on stdout (progress goes to stderr). Options: see --help.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 JOBMAN_NO_UPDATE_CHECK=1
exec dotnet run -c Release --project "$here/Jobman.Bench/Jobman.Bench.csproj" -- "$@"
