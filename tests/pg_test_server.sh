# A throwaway PostgreSQL server for tests (no systemd, works as root or a normal user).
# source me:  source tests/pg_test_server.sh; trap pg_stop EXIT; pg_start [PORT]
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PG_USER=${PG_USER:-quizkit} PG_PASS=${PG_PASS:-quizkit} PG_DB=${PG_DB:-quizkit_test}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_start() {
  PGPORT=${1:-$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')}
  PGROOT=$(mktemp -d "${TMPDIR:-/tmp}/pgtest.XXXXXX") || return 1
  chmod 755 "$PGROOT"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGROOT" || return 1; fi
  export PGPORT PGROOT
  as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$PGROOT/initdb.log" || return 1
  as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c max_connections=200 ${PG_OPTS--c fsync=off}" start >/dev/null \
        || { cat "$PGROOT/server.log" >&2; return 1; }
  as_pg "$PGBIN/psql" -h "$PGROOT" -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qAt \
        -c "CREATE ROLE \"$PG_USER\" LOGIN PASSWORD '$PG_PASS'" \
        -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\"" || return 1
  export DATABASE_URL="postgresql+psycopg://$PG_USER:$PG_PASS@127.0.0.1:$PGPORT/$PG_DB"
}
pg_stop() { [ -n "${PGROOT:-}" ] && [ -d "$PGROOT" ] || return 0
  as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null; rm -rf "$PGROOT"; unset PGROOT; }
