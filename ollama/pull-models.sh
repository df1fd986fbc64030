#!/usr/bin/env bash
# Pulls every model the routing table names, after OLLAMA_MODEL_<TASK> overrides,
# with the ollama CLI when it is installed, else through Ollama's HTTP API.
#
# Usage: ollama/pull-models.sh [--dry-run] [--create]
#   --dry-run  print the models and what would be done; change nothing
#   --create   also build careergini-<name> from each Modelfile.<name> (needs the CLI)
# Environment:
#   OLLAMA_MODELS_FILE   routing table (default: models.json next to this script)
#   OLLAMA_URL           Ollama's address when the CLI is absent (default http://127.0.0.1:11434)
#   OLLAMA_MODEL_<TASK>  a task's model, as the AI service reads it (e.g. OLLAMA_MODEL_CHAT)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
file="${OLLAMA_MODELS_FILE:-$here/models.json}"
url="${OLLAMA_URL:-http://127.0.0.1:11434}"
url="${url%/}"
dry_run=0
create=0

die() {
    echo "pull-models: $*" >&2
    exit 1
}

for arg in "$@"; do
    case "$arg" in
        --dry-run) dry_run=1 ;;
        --create) create=1 ;;
        -h | --help)
            sed -n '2,12p' "$0"
            exit 0
            ;;
        *) die "unknown option: $arg (see --help)" ;;
    esac
done

[ -r "$file" ] || die "cannot read the routing table $file"

# One "task<TAB>model" line per task, in file order.
task_models() {
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$file" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    tasks = json.load(f)["tasks"]
for task, entry in tasks.items():
    print(f"{task}\t{entry['model']}")
PY
    else
        # Without python3: models.json as this repository formats it, one key per
        # line, task names indented by four spaces.
        awk '
            /^    "[A-Za-z]+": \{/ { task = $1; gsub(/[":]/, "", task) }
            /"model": "/ {
                match($0, /"model": "[^"]+"/)
                print task "\t" substr($0, RSTART + 10, RLENGTH - 11)
            }
        ' "$file"
    fi
}

models=()
lines="$(task_models)" || die "cannot parse $file"
while IFS=$'\t' read -r task model; do
    [ -n "$task" ] || continue
    variable="OLLAMA_MODEL_$(printf '%s' "$task" | sed 's/\([A-Z]\)/_\1/g' | tr '[:lower:]' '[:upper:]')"
    model="${!variable:-$model}"
    [[ "$model" =~ ^[A-Za-z0-9._:/-]+$ ]] || die "task $task: '$model' is not a model name"
    seen=0
    for known in "${models[@]+"${models[@]}"}"; do
        [ "$known" = "$model" ] && seen=1
    done
    [ "$seen" = 1 ] || models+=("$model")
done <<<"$lines"
[ "${#models[@]}" -gt 0 ] || die "$file names no models"

have_cli=0
command -v ollama >/dev/null 2>&1 && have_cli=1

pull() {
    local model="$1"
    echo "pull $model"
    [ "$dry_run" = 0 ] || return 0
    if [ "$have_cli" = 1 ]; then
        ollama pull "$model"
    else
        local response
        response="$(curl --silent --show-error --fail-with-body --max-time 7200 \
            -H 'Content-Type: application/json' \
            -d "{\"model\": \"$model\", \"stream\": false}" "$url/api/pull")" ||
            die "pulling $model through $url failed: $response"
        case "$response" in
            *'"error"'*) die "pulling $model failed: $response" ;;
        esac
        echo "  $response"
    fi
}

for model in "${models[@]}"; do
    pull "$model"
done

if [ "$create" = 1 ]; then
    [ "$have_cli" = 1 ] || [ "$dry_run" = 1 ] || die "--create needs the ollama CLI"
    for modelfile in "$here"/Modelfile.*; do
        name="careergini-${modelfile##*/Modelfile.}"
        echo "create $name from ${modelfile##*/}"
        [ "$dry_run" = 1 ] || ollama create "$name" -f "$modelfile"
    done
fi
