#!/usr/bin/env bash
# The AddressSanitizer + UndefinedBehaviorSanitizer build (clang) and the libFuzzer targets.
#   bash packaging/sanitize.sh test            build, run the whole test suite under ASan/UBSan
#   bash packaging/sanitize.sh fuzz [SECONDS] [FUZZER...]
#                                              build, run each fuzzer (all by default) for SECONDS
#                                              (default 30); the corpus grows in BUILD_DIR/fuzz-corpus
#   bash packaging/sanitize.sh ci              the whole test suite, then every fuzzer for
#                                              FUZZ_SECONDS (default 30)
# Packages: bash packaging/dev.sh sanitize ... installs clang first and then runs this script.
# Environment: SANITIZE_BUILD_DIR (default build-asan), JOBS (default: all cores), FUZZ_SECONDS,
# STACSCOPE_WERROR=ON to make clang's warnings errors too (CI sets it).
# A crash leaves its input as BUILD_DIR/fuzz-findings/FUZZER/crash-*: fix it, then save the input
# under tests/fixtures/fuzz-regressions/FUZZER/ with a case in tests/core/tst_fuzzregressions.cpp.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
build_dir="${SANITIZE_BUILD_DIR:-build-asan}"
jobs="${JOBS:-$(nproc)}"
mode="${1:-}"
supp="$here/tests/sanitizers"

# Reports: any ASan, UBSan or leak report fails the process; LeakSanitizer is on (see
# tests/sanitizers/lsan.supp for the third-party leaks it is told to ignore).
symbolizer="$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)"
export ASAN_SYMBOLIZER_PATH="$symbolizer"
export ASAN_OPTIONS="detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:strict_string_checks=1:abort_on_error=0"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp"

configure() {
    # -O1 with line tables only: ASan's usual trade-off between speed and readable stacks, and a
    # build about half as long as one with full debug information. Q_ASSERT and Qt's own container
    # asserts stay on (no NDEBUG / QT_NO_DEBUG).
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
        -DSTACSCOPE_SANITIZE=address,undefined -DSTACSCOPE_FUZZ=ON -DSTACSCOPE_WERROR="${STACSCOPE_WERROR:-OFF}"
}

# build [TARGET...]: everything by default.
build() {
    local started=$SECONDS
    local targets=()
    for t in "$@"; do
        targets+=(--target "$t")
    done
    cmake --build "$build_dir" --parallel "$jobs" "${targets[@]}"
    echo "sanitizer build: $((SECONDS - started)) s"
}

# run_tests [CTEST ARGS...]
run_tests() {
    local started=$SECONDS
    (cd "$build_dir" && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$jobs" --timeout 900 "$@")
    echo "sanitizer test suite: $((SECONDS - started)) s"
}

# run_fuzzer NAME SECONDS: the fuzzer's own corpus first (new inputs go there), then its seeds
# from tests/fixtures, read in place.
run_fuzzer() {
    local name="$1" seconds="$2"
    local exe="$build_dir/tests/fuzz/$name"
    local corpus="$build_dir/fuzz-corpus/$name" findings="$build_dir/fuzz-findings/$name"
    mkdir -p "$corpus" "$findings"
    local seeds=()
    while IFS= read -r dir; do
        [ -n "$dir" ] && seeds+=("$dir")
    done <"$exe.seeds"
    echo "== $name: ${seconds} s"
    local log="$findings/last-run.log"
    if ! "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$findings/" "$corpus" "${seeds[@]}" >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "$name: FAILED; the input is in $findings/"
        return 1
    fi
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|^#[0-9]+ +DONE' "$log" || true
}

run_fuzzers() {
    local seconds="$1"
    shift
    local names=("$@")
    if [ ${#names[@]} -eq 0 ]; then
        for seeds in "$build_dir"/tests/fuzz/*.seeds; do
            names+=("$(basename "$seeds" .seeds)")
        done
    fi
    local started=$SECONDS failed=0
    for name in "${names[@]}"; do
        run_fuzzer "$name" "$seconds" || failed=1
    done
    echo "fuzzing: ${#names[@]} fuzzers, $((SECONDS - started)) s"
    return $failed
}

case "$mode" in
test)
    configure
    build
    run_tests
    ;;
fuzz)
    configure
    build fuzzers
    run_fuzzers "${2:-30}" "${@:3}"
    ;;
ci)
    # CI: the whole test suite (unit, ui, integration and cli tests), then every fuzzer.
    configure
    build
    run_tests
    run_fuzzers "${FUZZ_SECONDS:-30}"
    ;;
*)
    echo "usage: bash packaging/sanitize.sh (test|fuzz [SECONDS] [FUZZER...]|ci)" >&2
    exit 2
    ;;
esac
