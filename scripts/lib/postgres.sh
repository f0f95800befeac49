# A throwaway PostgreSQL cluster for e2e/run, scripts/bench, scripts/outage and scripts/crash-safety (source this file; run as root).
#   start_postgres NAME   starts one as the postgres user (PostgreSQL refuses to run as root) on a
#                         free loopback port with trust auth, creates database NAME, sets pg_url;
#                         its settings live in its postgresql.conf, so a plain
#                         `pg_ctl start -D "$pg_dir/data"` brings it back the same (scripts/outage)
#   stop_postgres         stops it and removes its directory

pg_dir=""
pg_bin=""
pg_url=""

start_postgres() {
    local name="$1" port
    pg_bin="$(pg_config --bindir 2>/dev/null || true)"
    if [[ ! -x "$pg_bin/initdb" ]]; then
        pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    fi
    pg_dir="$(mktemp -d -t sekisho-pg.XXXXXX)"
    chown postgres: "$pg_dir"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" --auth=trust --username=postgres \
        --encoding=UTF8 --no-locale --no-sync >"$pg_dir/initdb.log" 2>&1 \
        || { cat "$pg_dir/initdb.log" >&2; return 1; }
    printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = '%s'\nfsync = off\n" \
        "$port" "$pg_dir" >>"$pg_dir/data/postgresql.conf"
    runuser -u postgres -- "$pg_bin/pg_ctl" start -D "$pg_dir/data" -w -t 60 -l "$pg_dir/server.log" >/dev/null \
        || { cat "$pg_dir/server.log" >&2; return 1; }
    runuser -u postgres -- "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
    pg_url="postgres://postgres@127.0.0.1:$port/$name?sslmode=disable"
    echo "PostgreSQL from $pg_bin on 127.0.0.1:$port"
}

stop_postgres() {
    if [[ -f "$pg_dir/data/postmaster.pid" ]]; then
        runuser -u postgres -- "$pg_bin/pg_ctl" stop -D "$pg_dir/data" -m fast -w >/dev/null 2>&1 || true
    fi
    [[ -z "$pg_dir" ]] || rm -rf "$pg_dir"
}
