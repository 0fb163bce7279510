#!/usr/bin/env bash
# Installs the Debian packages the tests use besides PostgreSQL (see postgres.sh), when missing:
# poppler-utils (pdftoppm) rasterizes label PDFs so their barcodes can be decoded back.
set -euo pipefail
missing=()
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
