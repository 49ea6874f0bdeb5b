#!/usr/bin/env bash
# The PyPI prometheus-pgbouncer-exporter (2.x), for the tests: in a virtual environment made from
# Debian's /usr/bin/python3 with --system-site-packages, so Debian's python3-psycopg2 and
# python3-yaml serve it; --no-deps, or pip would try to build psycopg2 from source. (Debian's own
# packaged exporter, 1.7, crashes on PgBouncer 1.18 with KeyError: 'total_requests'.)
#
# usage: scripts/pgbouncer-exporter-venv.sh   (safe to repeat; prints the exporter's path)
# needs: apt-get install python3-venv python3-psycopg2 python3-yaml
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${SITREP_EXPORTER_VENV:-.build-venv/pgbouncer-exporter}
exporter=$venv/bin/pgbouncer-exporter
if [ ! -x "$exporter" ]; then
    /usr/bin/python3 -m venv --system-site-packages "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps \
        prometheus-pgbouncer-exporter==2.1.2 prometheus-client==0.26.0 python-json-logger==4.2.0
fi
"$exporter" --help >/dev/null
echo "$PWD/$exporter"
