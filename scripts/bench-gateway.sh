#!/usr/bin/env bash
# bench-gateway.sh — what the gateway costs on the proxied request path.
#
# wrk (-t2 -c64 by default) sends an authenticated GET for a trivial route:
#   (a) direct   straight to the upstream, with a valid internal token header;
#   (b) gateway  through the gateway: JWT verification, the Redis session-revocation
#                check and the Redis rate limiter (limit set high so it never denies),
#                then the proxy (CurlHTTP) to the same upstream;
#   (c) nginx    through nginx: plain proxy_pass, keep-alive to the upstream, no auth
#                (deploy/nginx-bench.conf; nginx adds the internal token itself).
# The upstream is `careergini-bench upstream`, a Hummingbird app that checks internal
# tokens with ServiceKit's InternalAuthMiddleware like a real service does.
#
# It builds release binaries, starts a throwaway PostgreSQL + Redis (through
# `scripts/careergini test` in dry mode), the upstream, the gateway and nginx on free
# ports, runs a warm-up then a measured wrk run per scenario, prints a table, and
# stops everything it started (also on failure or Ctrl-C).
#
# Usage: scripts/bench-gateway.sh [--output FILE]
#   or:  scripts/careergini bench gateway [--output FILE]
#
# Environment (defaults):
#   BENCH_DURATION=20       seconds of each measured wrk run (warm-up + run must stay
#                           under 55 s: internal tokens live 60 s)
#   BENCH_WARMUP=5          seconds of the warm-up wrk run before each measured run
#   BENCH_CONNECTIONS=64    wrk connections      BENCH_THREADS=2   wrk threads
#   BENCH_ROUNDS=1          repeat every scenario this many times; the summary takes medians
#   BENCH_SCENARIOS="a b c a1 b1 c1 h u"   which runs, in this order: a, b, c as above
#                           with BENCH_CONNECTIONS; a1, b1, c1 the same with one connection
#                           (latency without queueing); h the gateway's /health (framework
#                           floor: middleware, no auth, no limiter, no proxy); u the proxied
#                           route without a token (rate limiter + 401, no JWT, no proxy)
#   RATE_LIMIT_REQUESTS=1000000  RATE_LIMIT_WINDOW_SECONDS=60  (the gateway's
#                           maximum limit; a window holds at most that many requests,
#                           so keep rate x window below it)
#   BENCH_QUIET_PERCENT=10  before each scenario, wait until the machine (all cores) is
#   BENCH_QUIET_TIMEOUT=600 at most this busy for 3 s, for up to this many seconds
#                           (then run anyway, with a warning): other builds or tests
#                           on the box skew every number. The "other" column shows
#                           CPU used by processes that are not part of the benchmark.
#   BENCH_MAX_OTHER=10      a run during which other processes used more than this % of
#   BENCH_RETRIES=2         a core is measured again, up to this many times (then kept,
#                           flagged "skewed" in the table)
#   SKIP_BUILD=1            use the existing .build/release binaries
#   BENCH_PERF=DIR          also `perf record -g` the upstream (a*), nginx's workers (c*)
#                           or the gateway (the rest) during each measured run; the data
#                           and `perf report` summaries land in DIR
#   NGINX_BIN=nginx         (Debian package `nginx`, installed when missing and root)
# With TEST_DATABASE_URL and TEST_REDIS_URL already exported, those servers are used.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${BENCH_ROOT:-$(dirname "$SCRIPT_DIR")}"
SELF="$SCRIPT_DIR/$(basename "${BASH_SOURCE[0]}")"

BENCH_DURATION="${BENCH_DURATION:-20}"
BENCH_WARMUP="${BENCH_WARMUP:-5}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-64}"
BENCH_THREADS="${BENCH_THREADS:-2}"
BENCH_ROUNDS="${BENCH_ROUNDS:-1}"
BENCH_SCENARIOS="${BENCH_SCENARIOS:-a b c a1 b1 c1 h u}"
BENCH_QUIET_PERCENT="${BENCH_QUIET_PERCENT:-10}"
BENCH_QUIET_TIMEOUT="${BENCH_QUIET_TIMEOUT:-600}"
BENCH_MAX_OTHER="${BENCH_MAX_OTHER:-10}"
BENCH_RETRIES="${BENCH_RETRIES:-2}"
RATE_LIMIT_REQUESTS="${RATE_LIMIT_REQUESTS:-1000000}"
RATE_LIMIT_WINDOW_SECONDS="${RATE_LIMIT_WINDOW_SECONDS:-60}"
NGINX_BIN="${NGINX_BIN:-nginx}"
ROUTE=/api/v1/learning/ping
UPSTREAM_ROUTE=/learning/ping

export DEBIAN_FRONTEND=noninteractive

log() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'bench-gateway: error: %s\n' "$*" >&2
    exit 1
}

OUTPUT=""
INNER=0
while (($# > 0)); do
    case $1 in
        --inner) INNER=1 ;;
        --output)
            (($# > 1)) || die "--output needs a file"
            OUTPUT=$2
            shift
            ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "$SELF" | sed '$d; s/^# \{0,1\}//'
            exit 0
            ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
    shift
done

[[ $BENCH_DURATION =~ ^[0-9]+$ && $BENCH_WARMUP =~ ^[0-9]+$ ]] || die "BENCH_DURATION and BENCH_WARMUP are seconds"
((BENCH_DURATION + BENCH_WARMUP <= 55)) ||
    die "BENCH_WARMUP + BENCH_DURATION must be at most 55 s (internal tokens live 60 s)"

# ---------------------------------------------------------------------------
# Outer run: build, then re-enter this script inside throwaway PostgreSQL + Redis.

if ((INNER == 0)); then
    command -v wrk >/dev/null || die "wrk is not installed: apt-get install -y --no-install-recommends wrk"
    if ! command -v "$NGINX_BIN" >/dev/null; then
        [[ $(id -u) -eq 0 ]] || die "nginx is not installed: apt-get install -y --no-install-recommends nginx"
        log "installing nginx"
        apt-get update >/dev/null
        apt-get install -y --no-install-recommends nginx >/dev/null
    fi
    if [[ ${SKIP_BUILD:-} != 1 ]]; then
        command -v swift >/dev/null || die "swift not found on PATH (e.g. export PATH=/opt/swift/usr/bin:\$PATH)"
        # One product per invocation: with several --product flags SwiftPM builds only the last.
        log "swift build -c release --product gateway"
        (cd "$ROOT" && swift build -c release --product gateway)
        log "swift build -c release --product careergini-bench"
        (cd "$ROOT" && swift build -c release --product careergini-bench)
    fi
    args=(--inner)
    [[ -n $OUTPUT ]] && args+=(--output "$(realpath -m "$OUTPUT")")
    # Bash reads a script while it runs it, so an edit to this file or to
    # scripts/careergini during the (long) run would derail it: run private copies.
    COPY=$(mktemp -d -t bench-gateway-scripts.XXXXXX)
    trap 'rm -rf "$COPY"' EXIT
    mkdir -p "$COPY/scripts"
    cp "$SELF" "$ROOT/scripts/careergini" "$COPY/scripts/"
    export BENCH_ROOT="$ROOT"
    status=0
    if [[ -n ${TEST_DATABASE_URL:-} && -n ${TEST_REDIS_URL:-} ]]; then
        "$COPY/scripts/bench-gateway.sh" "${args[@]}" || status=$?
    else
        CAREERGINI_TEST_DRY=1 "$COPY/scripts/careergini" test "$COPY/scripts/bench-gateway.sh" "${args[@]}" || status=$?
    fi
    exit "$status"
fi

# ---------------------------------------------------------------------------
# Inner run: TEST_DATABASE_URL and TEST_REDIS_URL point at servers we may use.

[[ -n ${TEST_DATABASE_URL:-} && -n ${TEST_REDIS_URL:-} ]] || die "--inner needs TEST_DATABASE_URL and TEST_REDIS_URL"
BIN_DIR="$ROOT/.build/release"
for binary in gateway careergini-bench; do
    [[ -x $BIN_DIR/$binary ]] || die "no $BIN_DIR/$binary: build it (swift build -c release --product $binary)"
done

WORK=$(mktemp -d -t bench-gateway.XXXXXX)
chmod 755 "$WORK"
UPSTREAM_PID=""
GATEWAY_PID=""
NGINX_PID=""
PERF_PID=""

# stop PID...: SIGTERM, then SIGKILL after 10 s; only processes this script started.
stop() {
    local pid deadline
    for pid in "$@"; do
        if [[ -n $pid ]]; then kill -TERM "$pid" 2>/dev/null || true; fi
    done
    deadline=$((SECONDS + 10))
    for pid in "$@"; do
        [[ -n $pid ]] || continue
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            printf 'bench-gateway: pid %s ignored SIGTERM: SIGKILL\n' "$pid" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    set +e
    stop "$PERF_PID" "$NGINX_PID" "$GATEWAY_PID" "$UPSTREAM_PID"
    if ((status != 0)); then
        local file
        for file in "$WORK"/*.log; do
            [[ -s $file ]] || continue
            printf -- '--- last 20 lines of %s ---\n' "$(basename "$file")" >&2
            tail -n 20 "$file" >&2
        done
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_http PORT PATH NAME PID: until GET answers 200 (60 s), or the process dies.
wait_http() {
    local port=$1 path=$2 name=$3 pid=$4 deadline=$((SECONDS + 60))
    until [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port$path" || true) == 200 ]]; do
        kill -0 "$pid" 2>/dev/null || die "$name exited during startup"
        ((SECONDS < deadline)) || die "$name did not answer 200 on $path within 60 s"
        sleep 0.2
    done
}

# expect_status CODE URL [curl args...]
expect_status() {
    local expected=$1 url=$2 got
    shift 2
    got=$(curl -s -o "$WORK/last-body" -m 5 -w '%{http_code}' "$@" "$url" || true)
    [[ $got == "$expected" ]] || die "GET $url answered $got, expected $expected: $(head -c 300 "$WORK/last-body")"
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

INTERNAL_SECRET=$(random_hex 32)
JWT_SECRET=$(random_hex 32)
export INTERNAL_SECRET
mint() { "$BIN_DIR/careergini-bench" mint-internal-token learning-service; }

UPSTREAM_PORT=$(free_port)
GATEWAY_PORT=$(free_port)
NGINX_PORT=$(free_port)
while [[ $GATEWAY_PORT == "$UPSTREAM_PORT" ]]; do GATEWAY_PORT=$(free_port); done
while [[ $NGINX_PORT == "$UPSTREAM_PORT" || $NGINX_PORT == "$GATEWAY_PORT" ]]; do NGINX_PORT=$(free_port); done
UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT"

log "starting upstream (careergini-bench upstream) on port $UPSTREAM_PORT"
"$BIN_DIR/careergini-bench" upstream --port "$UPSTREAM_PORT" >"$WORK/upstream.log" 2>&1 &
UPSTREAM_PID=$!
wait_http "$UPSTREAM_PORT" /health upstream "$UPSTREAM_PID"

log "starting gateway on port $GATEWAY_PORT (RATE_LIMIT_REQUESTS=$RATE_LIMIT_REQUESTS per ${RATE_LIMIT_WINDOW_SECONDS}s)"
env PORT="$GATEWAY_PORT" HOST=127.0.0.1 \
    DATABASE_URL="$TEST_DATABASE_URL" REDIS_URL="$TEST_REDIS_URL" \
    INTERNAL_SECRET="$INTERNAL_SECRET" JWT_SECRET="$JWT_SECRET" \
    COOKIE_SECURE=false LOG_LEVEL=warning \
    PUBLIC_BASE_URL="http://127.0.0.1:$GATEWAY_PORT" \
    AI_SERVICE_URL="$UPSTREAM_URL" PROFILE_SERVICE_URL="$UPSTREAM_URL" \
    JOB_SERVICE_URL="$UPSTREAM_URL" LEARNING_SERVICE_URL="$UPSTREAM_URL" \
    RATE_LIMIT_REQUESTS="$RATE_LIMIT_REQUESTS" RATE_LIMIT_WINDOW_SECONDS="$RATE_LIMIT_WINDOW_SECONDS" \
    "$BIN_DIR/gateway" >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
wait_http "$GATEWAY_PORT" /health gateway "$GATEWAY_PID"

# new_access_token: registers a fresh user and sets ACCESS_TOKEN and BEARER. Access
# tokens live 15 minutes, so every scenario gets its own (waiting for a quiet machine
# can take longer than that).
new_access_token() {
    local register
    register=$(curl -s -m 30 -X POST "http://127.0.0.1:$GATEWAY_PORT/api/v1/auth/register" \
        -H 'Content-Type: application/json' \
        -d "{\"email\": \"bench-$(random_hex 6)@example.com\", \"password\": \"correct horse battery staple\"}")
    ACCESS_TOKEN=$(jq -r '.accessToken // empty' <<<"$register" 2>/dev/null || true)
    [[ -n $ACCESS_TOKEN ]] || die "registration returned no accessToken: $register"
    BEARER="Authorization: Bearer $ACCESS_TOKEN"
}
log "registering a bench user"
new_access_token

# Sanity: the upstream really checks internal tokens, and every path answers 200.
expect_status 401 "$UPSTREAM_URL$UPSTREAM_ROUTE"
expect_status 200 "$UPSTREAM_URL$UPSTREAM_ROUTE" -H "X-Internal-Token: $(mint)"
expect_status 401 "http://127.0.0.1:$GATEWAY_PORT$ROUTE"
expect_status 200 "http://127.0.0.1:$GATEWAY_PORT$ROUTE" -H "Authorization: Bearer $ACCESS_TOKEN"
headers=$(curl -s -D - -o /dev/null -m 5 -H "Authorization: Bearer $ACCESS_TOKEN" "http://127.0.0.1:$GATEWAY_PORT$ROUTE")
grep -qi '^ratelimit:' <<<"$headers" || die "the gateway's answer has no RateLimit header: is the limiter on?"

# ---------------------------------------------------------------------------
# CPU accounting: who used the two cores during a run.

CLK_TCK=$(getconf CLK_TCK)
REDIS_PORT=${TEST_REDIS_URL##*:}
REDIS_PORT=${REDIS_PORT%%/*}
REDIS_PID=$(ss -ltnpH "sport = :$REDIS_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)

# jiffies PID...: user + system CPU time of the processes (all their threads).
jiffies() {
    local total=0 pid stat fields
    for pid in "$@"; do
        [[ -n $pid && -r /proc/$pid/stat ]] || continue
        stat=$(<"/proc/$pid/stat") || continue
        read -ra fields <<<"${stat##*) }"
        total=$((total + fields[11] + fields[12]))
    done
    echo "$total"
}
# Busy jiffies of the whole machine (user nice system irq softirq steal), all of them, and
# interrupt time (irq softirq: loopback TCP is mostly softirq work, charged to no process).
machine_jiffies() {
    awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $7 + $8 }' /proc/stat
}
# nginx: the master and its workers.
nginx_jiffies() {
    local pids=()
    if [[ -n $NGINX_PID ]]; then
        mapfile -t pids < <(pgrep -P "$NGINX_PID" || true)
        pids+=("$NGINX_PID")
    fi
    jiffies "${pids[@]}"
}
cpu_snapshot() {
    echo "$(jiffies "$UPSTREAM_PID") $(jiffies "$GATEWAY_PID") $(jiffies "$REDIS_PID")" \
        "$(nginx_jiffies) $(machine_jiffies)"
}

# ---------------------------------------------------------------------------
# Runs

# to_ms VALUE: a wrk latency (12.3us, 1.2ms, 1.1s) in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
        else printf "nan" }'
}

start_nginx() {
    local prefix="$WORK/nginx" token
    mkdir -p "$prefix"
    token=$(mint)
    sed -e "s|@PREFIX@|$prefix|g" -e "s|@UPSTREAM_PORT@|$UPSTREAM_PORT|g" \
        -e "s|@LISTEN_PORT@|$NGINX_PORT|g" -e "s|@INTERNAL_TOKEN@|$token|g" \
        "$ROOT/deploy/nginx-bench.conf" >"$prefix/nginx.conf"
    "$NGINX_BIN" -t -q -p "$prefix" -e "$prefix/error.log" -c "$prefix/nginx.conf" 2>"$WORK/nginx.log" ||
        die "nginx rejected its configuration"
    "$NGINX_BIN" -p "$prefix" -e "$prefix/error.log" -c "$prefix/nginx.conf" >>"$WORK/nginx.log" 2>&1 &
    NGINX_PID=$!
    wait_http "$NGINX_PORT" "$ROUTE" nginx "$NGINX_PID"
}

stop_nginx() {
    [[ -n $NGINX_PID ]] || return 0
    stop "$NGINX_PID"
    NGINX_PID=""
}

# Results, by "<scenario><round>": requests/s, p50 ms, p99 ms, the CPU line, wrk's warnings.
declare -A RPS P50 P99 CPU ERRORS

# run_wrk SCENARIO ROUND THREADS CONNECTIONS URL HEADER...: a warm-up and a measured run.
run_wrk() {
    local scenario=$1 round=$2 threads=$3 connections=$4 url=$5 output before after elapsed wrk_cpu extra=()
    shift 5
    local header
    for header in "$@"; do extra+=(-H "$header"); done
    log "($scenario) round $round: warm-up ${BENCH_WARMUP}s"
    wrk -t"$threads" -c"$connections" -d"${BENCH_WARMUP}s" "${extra[@]}" "$url" >/dev/null
    log "($scenario) round $round: wrk -t$threads -c$connections -d${BENCH_DURATION}s --latency $url"
    local targets=""
    PERF_PID=""
    if [[ -n ${BENCH_PERF:-} ]]; then
        case $scenario in
            a*) targets=$UPSTREAM_PID ;;
            c*) targets=$(pgrep -P "$NGINX_PID" | paste -sd, -) ;;
            *) targets=$GATEWAY_PID ;;
        esac
        mkdir -p "$BENCH_PERF"
        perf record -q -F 999 -g -p "$targets" -o "$BENCH_PERF/perf-$scenario-$round.data" \
            2>"$BENCH_PERF/perf-$scenario-$round.log" &
        PERF_PID=$!
    fi
    before=$(cpu_snapshot)
    local started=$EPOCHREALTIME
    output=$(
        TIMEFORMAT='wrk-cpu %U %S'
        { time wrk -t"$threads" -c"$connections" -d"${BENCH_DURATION}s" --latency "${extra[@]}" "$url"; } 2>&1
    )
    after=$(cpu_snapshot)
    elapsed=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')
    if [[ -n $PERF_PID ]]; then
        kill -INT "$PERF_PID" 2>/dev/null || true
        wait "$PERF_PID" 2>/dev/null || true
        PERF_PID=""
        perf report -i "$BENCH_PERF/perf-$scenario-$round.data" --no-children --sort dso,symbol -g none \
            --percent-limit 0.3 --stdio >"$BENCH_PERF/self-$scenario-$round.txt" 2>/dev/null || true
        perf report -i "$BENCH_PERF/perf-$scenario-$round.data" --children --sort symbol -g none --percent-limit 1 \
            --stdio >"$BENCH_PERF/children-$scenario-$round.txt" 2>/dev/null || true
        log "($scenario) round $round: perf reports in $BENCH_PERF/{self,children}-$scenario-$round.txt"
    fi
    printf '%s\n' "$output" >"$WORK/wrk-$scenario-$round.txt"
    RPS[$scenario$round]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$output")
    P50[$scenario$round]=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$output")")
    P99[$scenario$round]=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$output")")
    ERRORS[$scenario$round]=$(grep -E 'Non-2xx|Socket errors' <<<"$output" | sed 's/^ *//' | paste -sd ';' || true)
    # The 401 ladder step answers non-2xx on purpose.
    if [[ $scenario == u ]]; then
        ERRORS[$scenario$round]=$(grep -E 'Socket errors' <<<"$output" | sed 's/^ *//' || true)
    fi
    wrk_cpu=$(awk '/^wrk-cpu/ { print $2 + $3 }' <<<"$output")
    # CPU in % of one core over the run: upstream gateway redis nginx wrk irq other idle.
    CPU[$scenario$round]=$(awk -v b="$before" -v a="$after" -v t="$CLK_TCK" -v s="$elapsed" -v w="$wrk_cpu" 'BEGIN {
        split(b, x, " "); split(a, y, " ")
        scale = 100 / (t * s)
        up = (y[1] - x[1]) * scale; gw = (y[2] - x[2]) * scale; rd = (y[3] - x[3]) * scale
        ng = (y[4] - x[4]) * scale; busy = (y[5] - x[5]) * scale; all = (y[6] - x[6]) * scale
        irq = (y[7] - x[7]) * scale
        wk = w * 100 / s
        other = busy - up - gw - rd - ng - wk - irq; if (other < 0) other = 0
        printf "%.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f", up, gw, rd, ng, wk, irq, other, all - busy }')
    if [[ -n ${ERRORS[$scenario$round]} ]]; then
        printf 'bench-gateway: warning: (%s) round %s: %s\n' "$scenario" "$round" "${ERRORS[$scenario$round]}" >&2
    fi
}

# wait_quiet: until the whole machine is at most BENCH_QUIET_PERCENT busy over 3 s.
wait_quiet() {
    local deadline=$((SECONDS + BENCH_QUIET_TIMEOUT)) before after busy announced=0
    while :; do
        before=$(machine_jiffies)
        sleep 3
        after=$(machine_jiffies)
        busy=$(awk -v b="$before" -v a="$after" 'BEGIN {
            split(b, x, " "); split(a, y, " "); t = y[2] - x[2]
            printf "%.0f", (t > 0 ? (y[1] - x[1]) * 100 / t : 0) }')
        ((busy <= BENCH_QUIET_PERCENT)) && return 0
        if ((SECONDS >= deadline)); then
            printf 'bench-gateway: warning: the machine is still %s%% busy after %ss: measuring anyway\n' \
                "$busy" "$BENCH_QUIET_TIMEOUT" >&2
            return 0
        fi
        if ((announced == 0)); then
            log "the machine is ${busy}% busy with other work: waiting for <= ${BENCH_QUIET_PERCENT}% (up to ${BENCH_QUIET_TIMEOUT}s)"
            announced=1
        fi
    done
}

GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
NGINX_URL="http://127.0.0.1:$NGINX_PORT"

# run_scenario ID ROUND: the measured scenarios; the internal token is minted (and
# nginx configured) only after the machine is quiet, so it outlives the run.
run_scenario() {
    local id=$1 round=$2 attempt other
    for ((attempt = 0; attempt <= BENCH_RETRIES; attempt++)); do
        measure "$id" "$round"
        read -r _ _ _ _ _ _ other _ <<<"${CPU[$id$round]}"
        ((other > BENCH_MAX_OTHER)) || return 0
        ((attempt < BENCH_RETRIES)) &&
            log "($id) round $round: other processes used ${other}% of a core: measuring again"
    done
    return 0
}

measure() {
    local id=$1 round=$2 load=("$BENCH_THREADS" "$BENCH_CONNECTIONS")
    [[ $id == ?1 ]] && load=(1 1)
    wait_quiet
    new_access_token
    case $id in
        a | a1) run_wrk "$id" "$round" "${load[@]}" "$UPSTREAM_URL$UPSTREAM_ROUTE" "$BEARER" "X-Internal-Token: $(mint)" ;;
        b | b1) run_wrk "$id" "$round" "${load[@]}" "$GATEWAY_URL$ROUTE" "$BEARER" ;;
        c | c1)
            start_nginx
            run_wrk "$id" "$round" "${load[@]}" "$NGINX_URL$ROUTE" "$BEARER"
            stop_nginx
            ;;
        h) run_wrk h "$round" "${load[@]}" "$GATEWAY_URL/health" ;;
        u) run_wrk u "$round" "${load[@]}" "$GATEWAY_URL$ROUTE" ;;
        *) die "unknown scenario '$id' (a b c a1 b1 c1 h u)" ;;
    esac
}

label() {
    case $1 in
        a) echo "(a) direct" ;;
        b) echo "(b) gateway" ;;
        c) echo "(c) nginx" ;;
        a1) echo "(a) direct, 1 conn" ;;
        b1) echo "(b) gateway, 1 conn" ;;
        c1) echo "(c) nginx, 1 conn" ;;
        h) echo "gateway /health" ;;
        u) echo "gateway 401, no token" ;;
        *) echo "$1" ;;
    esac
}

for id in $BENCH_SCENARIOS; do
    case $id in a | b | c | a1 | b1 | c1 | h | u) ;; *) die "unknown scenario '$id' (a b c a1 b1 c1 h u)" ;; esac
done
STARTED=$(date -Is)
for ((round = 1; round <= BENCH_ROUNDS; round++)); do
    for id in $BENCH_SCENARIOS; do run_scenario "$id" "$round"; done
done
RATE_LIMIT_ENTRIES=$(redis-cli -u "$TEST_REDIS_URL" --no-auth-warning eval \
    "local n = 0 for _, k in ipairs(redis.call('KEYS', 'ratelimit:global:*')) do n = n + redis.call('ZCARD', k) end return n" 0 \
    2>/dev/null || echo '?')

# ---------------------------------------------------------------------------
# Report

median() {
    tr ' ' '\n' | grep -v '^$' | sort -g |
        awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
values() {
    local -n table=$1
    local round out=""
    for ((round = 1; round <= BENCH_ROUNDS; round++)); do out+="${table[$2$round]:-} "; done
    echo "$out"
}
has() { [[ " $BENCH_SCENARIOS " == *" $1 "* ]]; }

report() {
    local id round other cpu rps server
    local format='%-22s %5s %8s %9s %9s %7s   %5s %5s %5s %5s %5s %5s %5s %5s\n'
    printf '\nCareerGini gateway benchmark — %s — %s CPUs — commit %s%s\n' "$STARTED" "$(nproc)" \
        "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none)" \
        "$(git -C "$ROOT" diff --quiet HEAD -- Services Shared Benchmarks Package.swift 2>/dev/null || echo ' (+ uncommitted changes)')"
    printf 'wrk -t%s -c%s -d%ss --latency after a %ss warm-up ("1 conn": -t1 -c1), GET %s\n' \
        "$BENCH_THREADS" "$BENCH_CONNECTIONS" "$BENCH_DURATION" "$BENCH_WARMUP" "$ROUTE"
    printf 'release build; upstream: careergini-bench upstream (InternalAuthMiddleware); %s\n' "$("$NGINX_BIN" -v 2>&1)"
    printf 'gateway: JWT + Redis session check + Redis rate limit (%s per %ss; %s log entries at the end)\n' \
        "$RATE_LIMIT_REQUESTS" "$RATE_LIMIT_WINDOW_SECONDS" "$RATE_LIMIT_ENTRIES"
    printf 'wrk and every server share the same %s cores. CPU columns: %% of one core during the run\n' "$(nproc)"
    printf '(irq: interrupt + softirq time, mostly loopback TCP; other: processes outside the benchmark);\n'
    printf 'cpu-us: CPU microseconds per request of upstream + gateway + redis + nginx.\n\n'

    # shellcheck disable=SC2059 # the format is ours.
    printf "$format" scenario round req/s p50-ms p99-ms cpu-us upstr gatew redis nginx wrk irq other idle
    for ((round = 1; round <= BENCH_ROUNDS; round++)); do
        for id in $BENCH_SCENARIOS; do
            cpu=${CPU[$id$round]}
            rps=${RPS[$id$round]}
            server=$(awk -v c="$cpu" -v r="$rps" 'BEGIN { split(c, x, " "); printf "%.0f", (r > 0 ? (x[1] + x[2] + x[3] + x[4]) * 10000 / r : 0) }')
            # shellcheck disable=SC2059,SC2086 # the format is ours; CPU holds eight numbers.
            printf "$format" "$(label "$id")" "$round" "$rps" "${P50[$id$round]}" "${P99[$id$round]}" "$server" $cpu
            [[ -z ${ERRORS[$id$round]} ]] || printf '%-22s       !! %s\n' "" "${ERRORS[$id$round]}"
            read -r _ _ _ _ _ _ other _ <<<"$cpu"
            ((other <= BENCH_MAX_OTHER)) ||
                printf '%-22s       !! other processes used %s%% of a core during this run: skewed\n' "" "$other"
        done
    done

    declare -A med_rps med_p50 med_p99
    for id in $BENCH_SCENARIOS; do
        med_rps[$id]=$(values RPS "$id" | median)
        med_p50[$id]=$(values P50 "$id" | median)
        med_p99[$id]=$(values P99 "$id" | median)
    done
    local suffix=""
    ((BENCH_ROUNDS > 1)) && suffix=" (medians of $BENCH_ROUNDS rounds)"
    printf '\nSummary%s\n' "$suffix"
    if has a && has b; then
        awk -v ap50="${med_p50[a]}" -v bp50="${med_p50[b]}" -v ap99="${med_p99[a]}" -v bp99="${med_p99[b]}" \
            -v arps="${med_rps[a]}" -v brps="${med_rps[b]}" -v c="$BENCH_CONNECTIONS" 'BEGIN {
            printf "  %s connections: gateway added latency (b - a): p50 %+.2f ms, p99 %+.2f ms   (target p99 <= +2 ms: %s, by %.1fx)\n",
                c, bp50 - ap50, bp99 - ap99, (bp99 - ap99 <= 2 ? "met" : "MISSED"), (bp99 - ap99) / 2
            printf "  gateway throughput vs direct (b / a): %.2f\n", brps / arps }'
    fi
    if has b && has c; then
        awk -v brps="${med_rps[b]}" -v crps="${med_rps[c]}" -v bp99="${med_p99[b]}" -v cp99="${med_p99[c]}" 'BEGIN {
            printf "  gateway vs nginx throughput (b / c): %.2f   (target >= 0.80: %s)\n",
                brps / crps, (brps / crps >= 0.8 ? "met" : "MISSED")
            printf "  gateway vs nginx p99 (b - c): %+.2f ms\n", bp99 - cp99 }'
    fi
    if has a && has c; then
        awk -v ap99="${med_p99[a]}" -v cp99="${med_p99[c]}" -v arps="${med_rps[a]}" -v crps="${med_rps[c]}" 'BEGIN {
            printf "  nginx added p99 (c - a): %+.2f ms; nginx throughput vs direct (c / a): %.2f\n",
                cp99 - ap99, crps / arps }'
    fi
    if has a1 && has b1; then
        awk -v ap50="${med_p50[a1]}" -v bp50="${med_p50[b1]}" -v ap99="${med_p99[a1]}" -v bp99="${med_p99[b1]}" 'BEGIN {
            printf "  1 connection (no queueing): gateway adds p50 %+.3f ms, p99 %+.3f ms\n", bp50 - ap50, bp99 - ap99 }'
    fi
    if has a1 && has c1; then
        awk -v ap50="${med_p50[a1]}" -v cp50="${med_p50[c1]}" -v ap99="${med_p99[a1]}" -v cp99="${med_p99[c1]}" 'BEGIN {
            printf "  1 connection (no queueing): nginx adds p50 %+.3f ms, p99 %+.3f ms\n", cp50 - ap50, cp99 - ap99 }'
    fi
    return 0
}

if [[ -n $OUTPUT ]]; then
    report | tee "$OUTPUT"
    log "written to $OUTPUT"
else
    report
fi
