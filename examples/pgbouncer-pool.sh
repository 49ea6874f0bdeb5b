#!/usr/bin/env bash
# pgbouncer-pool.sh: prints one PgBouncer pool as the JSON object a `sitrep collect` command pool
# source reads, on one line:
#
#   {"in_use":3,"max":3,"waiting":17,"idle":0}
#
#   in_use   server connections busy with a client   (SHOW POOLS sv_active)
#   waiting  clients queued for a server connection  (SHOW POOLS cl_waiting)
#   idle     server connections open but unused     (SHOW POOLS sv_idle)
#   max      the pool size                           (SHOW DATABASES pool_size, or SHOW CONFIG
#            default_pool_size when that is 0); times the number of per-user pools summed
#
# In a collect config:
#
#   [[pool]]
#   name = "app"
#   every = "2s"
#   command = "examples/pgbouncer-pool.sh --port 6432 --admin-user pgbouncer --database app"
#
# usage: pgbouncer-pool.sh --database NAME [--user NAME] [--host HOST] [--port PORT]
#                          [--admin-user NAME]
#
#   --database    the pooled database, as named in PgBouncer's [databases] (required)
#   --user        only that user's pool; without it, the sum over all users of the database
#   --host        PgBouncer's address or unix socket directory ($PGBOUNCER_HOST, 127.0.0.1)
#   --port        PgBouncer's port ($PGBOUNCER_PORT, 6432)
#   --admin-user  a user in PgBouncer's admin_users or stats_users ($PGBOUNCER_ADMIN_USER,
#                 pgbouncer: the name PgBouncer lets in over its unix socket from its own OS user)
#
# It asks the admin console (database `pgbouncer`) with psql; a password comes the usual libpq
# ways (PGPASSWORD, ~/.pgpass). Columns are found by name in each result's header, because
# PgBouncer versions add and reorder them. On any failure it prints one line on stderr, nothing on
# stdout, and exits 1, so the collector records a failed sample rather than a wrong one.
set -euo pipefail

host=${PGBOUNCER_HOST:-127.0.0.1}
port=${PGBOUNCER_PORT:-6432}
admin_user=${PGBOUNCER_ADMIN_USER:-pgbouncer}
database=
user=

die() {
    echo "pgbouncer-pool: $*" >&2
    exit 1
}

usage() {
    sed -n '/^# usage:/,/^# It asks/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

parse_args() {
    while [ $# -gt 0 ]; do
        case $1 in
            --host | --port | --admin-user | --database | --user)
                [ $# -ge 2 ] || die "$1 needs a value"
                set_option "$1" "$2"
                shift 2
                ;;
            --*=*) set_option "${1%%=*}" "${1#*=}"; shift ;;
            -h | --help) usage; exit 0 ;;
            *) die "unknown argument '$1' (see --help)" ;;
        esac
    done
    [ -n "$database" ] || die "--database is required (see --help)"
    [[ $port =~ ^[0-9]+$ ]] || die "--port '$port' is not a number"
}

set_option() {
    case $1 in
        --host) host=$2 ;;
        --port) port=$2 ;;
        --admin-user) admin_user=$2 ;;
        --database) database=$2 ;;
        --user) user=$2 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
}

# One admin console command, unaligned and tab-separated, header kept (columns are looked up by
# name), no row-count footer. ~/.psqlrc is skipped: it could change the output format. stderr is
# kept apart, so a notice can never end up parsed as a row.
# PGCONNECT_TIMEOUT bounds the connection; `timeout` the rest, so a collector is never stuck here.
admin() {
    local output status=0 errors message
    local deadline=()
    if command -v timeout >/dev/null; then deadline=(timeout 10); fi
    errors=$(mktemp)
    output=$(PGCONNECT_TIMEOUT=3 PGOPTIONS='' "${deadline[@]}" psql -X -w -A -F $'\t' -P footer=off \
        -h "$host" -p "$port" -U "$admin_user" -d pgbouncer -c "$1" 2>"$errors") || status=$?
    # psql's first line says what happened; the rest is hints.
    message=$(head -n 1 "$errors" | sed 's/^psql: error: //')
    rm -f "$errors"
    if [ "$status" -ne 0 ]; then
        [ "$status" -ne 124 ] || die "$1 on $host:$port timed out"
        die "$1 on $host:$port as $admin_user failed: ${message:-psql exited with $status}"
    fi
    printf '%s\n' "$output"
}

# awk shared by the parsers: maps the header row to column numbers (col["sv_active"] = 7) and
# fails, with one line, when a column we need is missing.
HEADER='
    function need(command, names,    list, n, i) {
        for (i = 1; i <= NF; i++) col[$i] = i
        n = split(names, list, " ")
        for (i = 1; i <= n; i++) if (!(list[i] in col)) {
            print "pgbouncer-pool: " command " has no column " list[i] > "/dev/stderr"
            failed = 1; exit 1
        }
    }
'

# Prints "POOLS ACTIVE WAITING IDLE" summed over the pools of $database (and $user if given).
# A pool appears only once a client has connected, so none at all is fine: all zeros.
pool_counts() {
    local pools
    pools=$(admin "SHOW POOLS") || exit 1
    awk -F'\t' -v db="$database" -v user="$user" "$HEADER"'
        NR == 1 { need("SHOW POOLS", "database user sv_active cl_waiting sv_idle"); next }
        $col["database"] == db && (user == "" || $col["user"] == user) {
            pools++; active += $col["sv_active"]; waiting += $col["cl_waiting"]; idle += $col["sv_idle"]
        }
        END { if (!failed) printf "%d %d %d %d\n", pools, active, waiting, idle }
    ' <<<"$pools"
}

# Prints "=" and column VALUE of the row whose column KEY is WANTED in the output of admin command
# COMMAND; nothing when there is no such row (the "=" tells that apart from an empty value).
lookup() {
    local command=$1 key=$2 value=$3 wanted=$4 rows
    rows=$(admin "$command") || exit 1
    awk -F'\t' -v key="$key" -v value="$value" -v wanted="$wanted" -v command="$command" "$HEADER"'
        NR == 1 { need(command, key " " value); next }
        $col[key] == wanted { print "=" $col[value]; exit }
    ' <<<"$rows"
}

pool_size() {
    local size
    size=$(lookup "SHOW DATABASES" name pool_size "$database") || exit 1
    [ -n "$size" ] || die "database '$database' not found in PgBouncer on $host:$port (SHOW DATABASES)"
    size=${size#=}
    # Empty, 0 or -1 means "not set for this database" (versions differ): the global default applies.
    case $size in
        '' | 0 | -*)
            size=$(lookup "SHOW CONFIG" key value default_pool_size) || exit 1
            size=${size#=}
            ;;
    esac
    [[ $size =~ ^[0-9]+$ ]] || die "pool size for '$database' is '$size', not a number"
    echo "$size"
}

main() {
    parse_args "$@"
    local size counts pools active waiting idle
    size=$(pool_size)
    counts=$(pool_counts)
    read -r pools active waiting idle <<<"$counts"
    # Each (database, user) pair has a pool of its own size: summed pools have summed capacity.
    [ "$pools" -gt 0 ] || pools=1
    printf '{"in_use":%d,"max":%d,"waiting":%d,"idle":%d}\n' \
        "$active" $((size * pools)) "$waiting" "$idle"
}

main "$@"
