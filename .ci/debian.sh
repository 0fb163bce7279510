#!/usr/bin/env bash
# Installs the Debian packages the tests use besides PostgreSQL (see postgres.sh), when missing:
# chromium, which the browser tests (test/e2e) drive through playwright-core.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core
fi
