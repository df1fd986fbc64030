#!/usr/bin/env bash
# bench-suites.sh — the benchmarks that live beside the tests:
#   AIBenchmarks (Tests/AIServiceTests/AIBenchmarks.swift): streaming pass-through
#     against a fake Ollama with a fixed token rate, and the deterministic
#     skill-gap analysis in process and over HTTP → bench-results/ai.txt;
#   ProfileBenchmarks (Tests/ProfileServiceTests/ProfileBenchmarks.swift): a PDF
#     résumé through the deterministic path, a 300-repository GitHub import from
#     the fake, GET /profile under 64 connections (wrk) → bench-results/profile.txt;
#   JobBenchmarks (Tests/JobServiceTests/JobBenchmarks.swift): ingestion through the
#     whole pipeline, search and recommendations over 100,000 postings against the
#     real job-service binary → bench-results/jobs.txt;
#   ResourceBenchmarks and PathBenchmarks (Tests/LearningServiceTests): GET
#     /learning/resources at 16 clients cached and uncached, building a 10-skill
#     path → bench-results/learning-resources.txt, bench-results/learning-paths.txt.
# Throwaway PostgreSQL and Redis come from `careergini test`.
#
# Usage: scripts/bench-suites.sh [release|debug]   (default: release)
#   release  builds into .build-release with -enable-testing (so @testable imports
#            work with optimisation); the first build takes a while on 2 cores.
#   debug    uses the ordinary .build folder.
# BENCH_FILTER narrows the run (a `swift test --filter` pattern; default all three suites).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-release}"
FILTER="${BENCH_FILTER:-AIBenchmarks|ProfileBenchmarks|JobBenchmarks|ResourceBenchmarks|PathBenchmarks}"

case "$MODE" in
    release) BUILD_FLAGS=(-c release --scratch-path .build-release -Xswiftc -enable-testing) ;;
    debug) BUILD_FLAGS=(-c debug) ;;
    *)
        echo "usage: scripts/bench-suites.sh [release|debug]" >&2
        exit 2
        ;;
esac

cd "$ROOT"
started=$SECONDS
echo "==> swift build --build-tests ${BUILD_FLAGS[*]}"
swift build --build-tests "${BUILD_FLAGS[@]}"
echo "==> build took $((SECONDS - started)) s"

# `careergini test` with CAREERGINI_TEST_DRY=1 starts throwaway PostgreSQL and Redis,
# exports TEST_DATABASE_URL/TEST_REDIS_URL, runs the command and stops them after.
# The tests' server keeps 32 MB of shared buffers; benchmarks get 256 MB, closer
# to a production server (PostgreSQL's own default is 128 MB).
status=0
TEST_PG_SHARED_BUFFERS="${TEST_PG_SHARED_BUFFERS:-256MB}" CAREERGINI_TEST_DRY=1 "$ROOT/scripts/careergini" test \
    env CAREERGINI_BENCH=1 swift test --skip-build "${BUILD_FLAGS[@]}" --filter "$FILTER" || status=$?

echo
for results in bench-results/ai.txt bench-results/profile.txt bench-results/jobs.txt \
    bench-results/learning-resources.txt bench-results/learning-paths.txt; do
    [[ -f $results ]] || continue
    echo "==> $results ($MODE build, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
    cat "$results"
done
exit "$status"
