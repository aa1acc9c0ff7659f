#!/usr/bin/env bash
# Headless-browser test of the crd-sim dashboard: builds crd-sim, installs the pinned
# playwright-core (no browser download: it drives Debian's /usr/bin/chromium) and runs node --test.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dotnet build "$repo/simulator/Crd.Simulator/Crd.Simulator.csproj" --nologo -v quiet -clp:ErrorsOnly
cd "$here"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
node --test
