#!/usr/bin/env bash
# Installs (if needed) and starts Debian's PostgreSQL, with a role that may create test databases.
# Prints the URL the store tests use: export CRADLE_TEST_POSTGRES_URL=$(bash .ci/postgres.sh)
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q online; then
  pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >&2
  pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 30); do su postgres -c "pg_isready -q" && break; sleep 1; done
su postgres -c "psql -q -tc \"select 1 from pg_roles where rolname = 'cradle'\"" | grep -q 1 ||
  su postgres -c "psql -q -c \"create role cradle login createdb password 'cradle'\"" >&2
# Test databases are dropped WITH (FORCE): the role must be able to end every session on them, including
# background workers (autovacuum after a large restore) that run as another role.
su postgres -c "psql -q -c \"grant pg_signal_backend to cradle\"" >&2
echo "postgres://cradle:cradle@127.0.0.1:5432/postgres"
