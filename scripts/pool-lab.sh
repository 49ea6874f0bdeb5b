#!/usr/bin/env bash
# pool-lab: a throwaway PostgreSQL behind PgBouncer on loopback, with a pool (3) much smaller than
# the load tests put on it, so `sitrep collect` and its tests see real waiting clients.
#
# usage: scripts/pool-lab.sh start | stop | stop-bouncer | stop-postgres | status | load N SECONDS
#
#   start    create the cluster if missing, start whatever is not running, wait until both accept
#            connections, print one line saying what runs where (safe to repeat)
#   stop     stop PgBouncer, then PostgreSQL (safe when already stopped)
#   stop-bouncer  stop PgBouncer alone, as in an outage of the pooler; `start` starts it again
#   stop-postgres stop PostgreSQL alone, as in an outage or restart of the database; `start` starts
#            it again (run it on a lab of your own, SITREP_POOL_LAB_DIR and ports: others share this one)
#   status   say whether each runs; exit 0 only when both do
#   load     open N clients through PgBouncer, each running pg_sleep(SECONDS); wait for all.
#            The pool serves 3 at a time, so this takes about ceil(N/3) x SECONDS, and a client
#            still queued after PgBouncer's query_wait_timeout (120 s) is failed by it.
#
# environment:
#   SITREP_POOL_LAB_DIR      state directory (default /tmp/sitrep-pool-lab)
#   SITREP_POOL_LAB_PORT     PgBouncer port (default 56432: not 6432, which a distro pgbouncer service may hold)
#   SITREP_POOL_LAB_PG_PORT  PostgreSQL port (default 55432)
#
# Databases: `app` (PgBouncer pool of 3, server user postgres), and `sitrep_pooled` through PgBouncer
# in transaction pooling, where LISTEN/NOTIFY does not work (a journal store's follower must see
# that and poll instead). Users through PgBouncer: `postgres`
# and `sitrep` (trust auth; `sitrep` is the admin console user: psql -p 56432 -U sitrep pgbouncer).
# PostgreSQL trusts every role on loopback but `sitrep_password_test`, whose password is
# `sitrep-lab-password` (scram-sha-256), for testing what a wrong password does.
# No systemd or pg_ctlcluster: initdb/pg_ctl from the newest /usr/lib/postgresql/*/bin, so it runs
# in containers. PostgreSQL and PgBouncer refuse to run as root, so as root they run as `postgres`.
set -euo pipefail

readonly HOST=127.0.0.1
readonly POOL_SIZE=3
readonly ADMIN_USER=sitrep
readonly PGBOUNCER=/usr/sbin/pgbouncer
readonly DEADLINE_SECONDS=30
# A role that must authenticate with a password (scram-sha-256); its password is no secret.
readonly PASSWORD_USER=sitrep_password_test
readonly PASSWORD_USER_PASSWORD=sitrep-lab-password

state_dir=${SITREP_POOL_LAB_DIR:-/tmp/sitrep-pool-lab}
bouncer_port=${SITREP_POOL_LAB_PORT:-56432}
pg_port=${SITREP_POOL_LAB_PG_PORT:-55432}

die() {
    echo "pool-lab: $*" >&2
    exit 1
}

# One clear line naming what failed, then the end of the log that says why.
die_with_log() {
    local message=$1 log=$2
    echo "pool-lab: $message; last lines of $log:" >&2
    if [ -r "$log" ]; then
        tail -n 15 "$log" | sed 's/^/    /' >&2
    else
        echo "    (no log)" >&2
    fi
    exit 1
}

# --- who and where --------------------------------------------------------------------------------

# The servers refuse root, so root hands them to the `postgres` system user the apt packages create.
run_as_user() {
    if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi
}

# Runs a command as the run-as user, from the state directory: that user may not be able to enter
# the caller's directory (e.g. /root), and initdb/postgres complain when they cannot.
as_user() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$state_dir" && runuser -u "$RUN_AS" -- "$@")
    else
        (cd "$state_dir" && "$@")
    fi
}

# initdb and pg_ctl are not on PATH on Debian; take the newest installed major version.
find_pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] \
        || die "no PostgreSQL server in /usr/lib/postgresql/*/bin (apt-get install postgresql)"
    echo "$dir"
}

check_settings() {
    local port
    for port in "$bouncer_port" "$pg_port"; do
        [[ $port =~ ^[0-9]+$ ]] || die "port '$port' is not a number"
    done
    [ "$bouncer_port" != "$pg_port" ] || die "PgBouncer and PostgreSQL both asked for port $pg_port"
    # Absolute, because the servers run from another directory and the config files name it.
    case $state_dir in /*) ;; *) state_dir=$PWD/$state_dir ;; esac
}

set_paths() {
    PGDATA=$state_dir/pgdata
    SOCKETS=$state_dir/sockets
    PG_LOG=$state_dir/postgres.log
    BOUNCER_INI=$state_dir/pgbouncer.ini
    BOUNCER_USERS=$state_dir/userlist.txt
    BOUNCER_LOG=$state_dir/pgbouncer.log
    BOUNCER_PID=$state_dir/pgbouncer.pid
}

# psql over TCP, never reading ~/.psqlrc (it could change the output or stop on a prompt).
lab_psql() {
    PGCONNECT_TIMEOUT=3 psql -X -q -w -h "$HOST" "$@"
}

# Whether PID is a live process called NAME: pids get reused after a crash, and kill -0 alone
# also succeeds on a zombie. Without /proc (not Linux) kill -0 is the best there is.
alive() {
    local pid=$1 name=$2 stat rest
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    [ -d /proc/self ] || return 0
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1   # "PID (NAME) STATE ..."
    rest=${stat##*) }
    [[ $stat == *"($name) "* ]] && [ "${rest%% *}" != Z ]
}

# Something else on our port: PostgreSQL would refuse to start, and PgBouncer would only warn and
# carry on without its TCP listener, so say it up front. Connecting (bash's /dev/tcp) is the test.
require_free_port() {
    local what=$1 port=$2 variable=$3
    if (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; then
        die "$HOST:$port is taken by another program, so $what cannot listen there; set $variable"
    fi
}

# --- state directory ------------------------------------------------------------------------------

# The directory must belong to the run-as user (initdb and the servers write there). Only an empty
# directory is handed over: chown -R of something else someone pointed us at would be a bad surprise.
prepare_state_dir() {
    [ "$(id -u)" -ne 0 ] || id "$RUN_AS" >/dev/null 2>&1 \
        || die "user $RUN_AS does not exist (apt-get install postgresql creates it)"
    mkdir -p "$state_dir" || die "cannot create $state_dir"
    local owner
    owner=$(stat -c %U "$state_dir")
    if [ "$owner" != "$RUN_AS" ]; then
        if [ "$(id -u)" -eq 0 ] && [ -z "$(ls -A "$state_dir")" ]; then
            chown "$RUN_AS:" "$state_dir"
        else
            die "$state_dir belongs to $owner, not $RUN_AS; remove it or set SITREP_POOL_LAB_DIR"
        fi
    fi
    chmod 755 "$state_dir"
    # A parent the run-as user cannot enter (say /root/...) only shows up as odd server errors.
    as_user test -w "$state_dir" 2>/dev/null \
        || die "$RUN_AS cannot write $state_dir (a parent directory is closed to it?); set SITREP_POOL_LAB_DIR"
    as_user mkdir -p "$SOCKETS"
    # Logs we redirect into must exist as the run-as user's: a root-owned one would lock it out.
    as_user touch "$state_dir/initdb.log" "$PG_LOG" "$BOUNCER_LOG"
}

# --- PostgreSQL -----------------------------------------------------------------------------------

# The postmaster's pid is line 1 of postmaster.pid. (pg_ctl status would do, but it takes a zombie
# for a live server, and a killed daemon stays a zombie until PID 1 gets round to reaping it.)
pg_running() {
    alive "$(sed -n 1p "$PGDATA/postmaster.pid" 2>/dev/null)" postgres
}

# The port a running postmaster really listens on: line 4 of postmaster.pid.
pg_running_port() {
    sed -n 4p "$PGDATA/postmaster.pid" 2>/dev/null
}

create_cluster() {
    # C locale and UTF8: does not depend on which locales the machine has generated.
    as_user "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust --no-locale -E UTF8 \
        >"$state_dir/initdb.log" 2>&1 \
        || die_with_log "initdb of $PGDATA failed" "$state_dir/initdb.log"
    # Our settings live in their own file, rewritten before every start, so a changed port applies.
    echo "include 'sitrep-lab.conf'" | as_user tee -a "$PGDATA/postgresql.conf" >/dev/null
}

# Rewritten on every start, like the settings, so a lab created by an older script gets it too.
# One role must give a password (the store's wrong-password test); every other one is trusted.
write_pg_hba() {
    as_user tee "$PGDATA/pg_hba.conf" >/dev/null <<EOF
# pool-lab: throwaway cluster, loopback only, no passwords but $PASSWORD_USER's
host  all $PASSWORD_USER 127.0.0.1/32 scram-sha-256
local all all              trust
host  all all 127.0.0.1/32 trust
EOF
}

write_pg_settings() {
    as_user tee "$PGDATA/sitrep-lab.conf" >/dev/null <<EOF
# Written by scripts/pool-lab.sh on every start.
listen_addresses = '$HOST'
port = $pg_port
unix_socket_directories = '$SOCKETS'
# Throwaway data: durability only costs time.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

start_postgres() {
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
        create_cluster
    fi
    local version server_version
    version=$(cat "$PGDATA/PG_VERSION")
    server_version=$(basename "$(dirname "$PG_BIN")")
    [ "$version" = "$server_version" ] \
        || die "$PGDATA is a PostgreSQL $version cluster but the server is $server_version; remove $state_dir"
    require_free_port PostgreSQL "$pg_port" SITREP_POOL_LAB_PG_PORT
    write_pg_settings
    write_pg_hba
    local deadline=$((SECONDS + DEADLINE_SECONDS))
    until as_user "$PG_BIN/pg_ctl" start -D "$PGDATA" -l "$PG_LOG" -w -t "$DEADLINE_SECONDS" >/dev/null 2>&1; do
        # Right after a crash the dead postmaster (a zombie until reaped) still holds the lock file,
        # and its orphaned backends the shared memory, for a moment: retry those; fail on the rest.
        tail -n 3 "$PG_LOG" | grep -qE 'lock file .* already exists|is still in use' \
            && [ "$SECONDS" -lt "$deadline" ] \
            || die_with_log "PostgreSQL did not start on $HOST:$pg_port" "$PG_LOG"
        sleep 1
    done
}

ensure_database() {
    local name=$1 exists
    exists=$(lab_psql -p "$pg_port" -U postgres -d postgres -At \
        -c "select 1 from pg_database where datname = '$name'") \
        || die_with_log "cannot query PostgreSQL on $HOST:$pg_port" "$PG_LOG"
    if [ "$exists" != 1 ]; then
        lab_psql -p "$pg_port" -U postgres -d postgres -c "create database $name" \
            || die_with_log "cannot create database $name on $HOST:$pg_port" "$PG_LOG"
    fi
}

# Sets the password every time, so a repeated start leaves it known whatever happened meanwhile.
ensure_password_user() {
    lab_psql -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null <<EOF \
        || die_with_log "cannot create role $PASSWORD_USER on $HOST:$pg_port" "$PG_LOG"
SET password_encryption = 'scram-sha-256';
SELECT 'CREATE ROLE $PASSWORD_USER LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PASSWORD_USER')
\\gexec
ALTER ROLE $PASSWORD_USER LOGIN PASSWORD '$PASSWORD_USER_PASSWORD';
EOF
}

# --- PgBouncer ------------------------------------------------------------------------------------

# The pid from the pidfile, if that process is alive.
bouncer_pid() {
    local pid
    pid=$(cat "$BOUNCER_PID" 2>/dev/null) || return 1
    alive "$pid" pgbouncer || return 1
    echo "$pid"
}

bouncer_running_port() {
    sed -n 's/^listen_port = //p' "$BOUNCER_INI" 2>/dev/null
}

write_bouncer_config() {
    # With auth_type = trust PgBouncer checks no password, but the user must still be listed.
    as_user tee "$BOUNCER_USERS" >/dev/null <<EOF
"$ADMIN_USER" ""
"postgres" ""
EOF
    as_user tee "$BOUNCER_INI" >/dev/null <<EOF
; Written by scripts/pool-lab.sh on every start.
[databases]
app = host=$HOST port=$pg_port dbname=app user=postgres
sitrep_pooled = host=$HOST port=$pg_port dbname=sitrep_pooled user=postgres pool_mode=transaction

[pgbouncer]
listen_addr = $HOST
listen_port = $bouncer_port
unix_socket_dir = $SOCKETS
auth_type = trust
auth_file = $BOUNCER_USERS
; Session mode and a pool far below the load: clients queue up (cl_waiting), which is the point.
pool_mode = session
default_pool_size = $POOL_SIZE
max_client_conn = 200
admin_users = $ADMIN_USER
stats_users = $ADMIN_USER
logfile = $BOUNCER_LOG
pidfile = $BOUNCER_PID
EOF
}

start_bouncer() {
    [ -x "$PGBOUNCER" ] || die "no $PGBOUNCER (apt-get install pgbouncer)"
    # A pidfile left by a killed PgBouncer would make the new one refuse to start.
    rm -f "$BOUNCER_PID"
    require_free_port PgBouncer "$bouncer_port" SITREP_POOL_LAB_PORT
    write_bouncer_config
    # Errors before it daemonizes (a bad config) go to stderr, not the log: keep both together.
    as_user "$PGBOUNCER" -d "$BOUNCER_INI" >>"$BOUNCER_LOG" 2>&1 \
        || die_with_log "PgBouncer did not start on $HOST:$bouncer_port" "$BOUNCER_LOG"
}

# --- waiting --------------------------------------------------------------------------------------

# Waits until READY succeeds; gives up early when ALIVE fails (the server died: the log says why)
# and late at the deadline.
wait_for() {
    local what=$1 log=$2 alive=$3 ready=$4
    local deadline=$((SECONDS + DEADLINE_SECONDS))
    until "$ready" >/dev/null 2>&1; do
        "$alive" >/dev/null 2>&1 || die_with_log "$what exited during startup" "$log"
        [ "$SECONDS" -lt "$deadline" ] || die_with_log "$what does not answer after ${DEADLINE_SECONDS}s" "$log"
        sleep 0.2
    done
}

postgres_answers() {
    lab_psql -p "$pg_port" -U postgres -d postgres -c 'select 1'
}

# The admin console, not `app`: a test query through the pool would leave an idle server
# connection behind, and the lab should start with an empty pool (in_use 0, idle 0).
bouncer_answers() {
    lab_psql -p "$bouncer_port" -U "$ADMIN_USER" -d pgbouncer -c 'show version'
}

# A server already running on another port than asked for would make the caller talk to nothing.
check_running_port() {
    local what=$1 running=$2 wanted=$3
    [ -z "$running" ] || [ "$running" = "$wanted" ] \
        || die "$what already runs on port $running, not $wanted; run '$0 stop' first"
}

# --- subcommands ----------------------------------------------------------------------------------

cmd_start() {
    prepare_state_dir
    if pg_running; then
        check_running_port PostgreSQL "$(pg_running_port)" "$pg_port"
        write_pg_hba
        as_user "$PG_BIN/pg_ctl" reload -D "$PGDATA" >/dev/null 2>&1 \
            || die_with_log "PostgreSQL did not reload $PGDATA/pg_hba.conf" "$PG_LOG"
    else
        start_postgres
    fi
    wait_for "PostgreSQL on $HOST:$pg_port" "$PG_LOG" pg_running postgres_answers
    ensure_database app
    ensure_database sitrep_pooled
    ensure_password_user

    local pid
    if pid=$(bouncer_pid); then
        check_running_port PgBouncer "$(bouncer_running_port)" "$bouncer_port"
        # A lab started by an older copy of this script may lack a database: reload the config.
        write_bouncer_config
        kill -HUP "$pid"
    else
        start_bouncer
    fi
    wait_for "PgBouncer on $HOST:$bouncer_port" "$BOUNCER_LOG" bouncer_pid bouncer_answers

    echo "pool-lab: PgBouncer on $HOST:$bouncer_port (database app, pool size $POOL_SIZE, admin user $ADMIN_USER)" \
        "-> PostgreSQL on $HOST:$pg_port; running as $RUN_AS, state in $state_dir"
}

cmd_stop() {
    stop_bouncer
    stop_postgres
}

stop_postgres() {
    if [ -d "$state_dir" ] && pg_running; then
        as_user "$PG_BIN/pg_ctl" stop -D "$PGDATA" -m fast -w -t "$DEADLINE_SECONDS" >/dev/null 2>&1 \
            || die_with_log "PostgreSQL did not stop" "$PG_LOG"
        echo "pool-lab: stopped PostgreSQL"
    fi
}

stop_bouncer() {
    local pid
    if pid=$(bouncer_pid); then
        # SIGTERM: immediate shutdown; SIGINT would wait for the clients of a `load` to finish.
        kill -TERM "$pid"
        local deadline=$((SECONDS + 10))
        while alive "$pid" pgbouncer; do
            [ "$SECONDS" -lt "$deadline" ] || die_with_log "PgBouncer (pid $pid) did not stop" "$BOUNCER_LOG"
            sleep 0.1
        done
        echo "pool-lab: stopped PgBouncer"
    fi
    rm -f "$BOUNCER_PID"
}

cmd_status() {
    local up=0 pid
    if [ -d "$state_dir" ] && pg_running; then
        echo "postgres:  running on $HOST:$(pg_running_port) (data $PGDATA)"
    else
        echo "postgres:  not running"
        up=1
    fi
    if pid=$(bouncer_pid); then
        echo "pgbouncer: running on $HOST:$(bouncer_running_port) (pid $pid)"
    else
        echo "pgbouncer: not running"
        up=1
    fi
    return "$up"
}

cmd_load() {
    local clients=${1:-} seconds=${2:-}
    [[ $clients =~ ^[0-9]+$ ]] && [[ $seconds =~ ^[0-9]+([.][0-9]+)?$ ]] \
        || die "usage: $0 load N SECONDS"
    bouncer_answers >/dev/null 2>&1 || die "PgBouncer does not answer on $HOST:$bouncer_port; run '$0 start' first"
    local pids=() failed=0 i
    for ((i = 0; i < clients; i++)); do
        lab_psql -p "$bouncer_port" -U postgres -d app -c "select pg_sleep($seconds)" >/dev/null &
        pids+=("$!")
    done
    for i in "${pids[@]}"; do
        wait "$i" || failed=$((failed + 1))
    done
    [ "$failed" -eq 0 ] || die "$failed of $clients clients failed (PgBouncer on $HOST:$bouncer_port)"
    echo "pool-lab: $clients clients slept ${seconds}s through $HOST:$bouncer_port"
}

main() {
    check_settings
    set_paths
    RUN_AS=$(run_as_user)
    case ${1:-} in
        start) PG_BIN=$(find_pg_bin); cmd_start ;;
        stop) PG_BIN=$(find_pg_bin); cmd_stop ;;
        stop-bouncer) stop_bouncer ;;
        stop-postgres) PG_BIN=$(find_pg_bin); stop_postgres ;;
        status) cmd_status ;;
        load) shift; cmd_load "$@" ;;
        *) die "usage: $0 start | stop | stop-bouncer | stop-postgres | status | load N SECONDS" ;;
    esac
}

main "$@"
