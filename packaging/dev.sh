#!/usr/bin/env bash
# StacScope's one-step developer commands for a fresh Debian 12 machine.
#   bash packaging/dev.sh run    install what is missing, build, launch the app (offline demo catalog)
#   bash packaging/dev.sh test   install what is missing, build, run the whole test suite headless
#   bash packaging/dev.sh bench  install what is missing, build, run the benchmarks
#   bash packaging/dev.sh package  install what is missing, build, write the .deb and .tar.gz (cpack)
#   bash packaging/dev.sh sanitize (test|fuzz|ci)  install clang too, then packaging/sanitize.sh:
#                                  the ASan/UBSan build and its test suite, the libFuzzer targets
# Environment: BUILD_DIR (default build), STACSCOPE_WERROR=ON to make warnings errors (CI sets it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
build_dir="${BUILD_DIR:-build}"
mode="${1:-}"

packages=(
    cmake ninja-build g++ pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-positioning-dev qt6-svg-dev libqt6sql6-sqlite libgl-dev
    qtkeychain-qt6-dev libgdal-dev gdal-bin libgeos-dev libssl-dev
    clang-format xvfb xauth
    dbus gnome-keyring libsecret-1-0
    # Packages and their tests: dpkg-shlibdeps (dpkg-dev, file), the desktop entry and AppStream
    # validators, groff for the manual page.
    dpkg-dev file desktop-file-utils appstream groff-base
)

# Only the benchmarks need these: the servers and tools we measure ourselves against.
bench_packages=(nginx curl aria2 time)

# The sanitizer and fuzzing build: clang 14 (Debian 12's), its sanitizer and libFuzzer runtimes
# (libclang-rt-14-dev, only recommended by clang) and llvm-symbolizer for readable reports (llvm-14).
sanitize_packages=(clang-14 libclang-rt-14-dev llvm-14)

install_missing() {
    local missing=()
    for p in "${packages[@]}" "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$p")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    echo "Installing: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

configure_and_build() {
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DSTACSCOPE_WERROR="${STACSCOPE_WERROR:-OFF}"
    cmake --build "$build_dir" --parallel "$(nproc)"
}

case "$mode" in
run)
    install_missing
    configure_and_build
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "No display found; starting StacScope under xvfb-run."
        exec xvfb-run -a "$build_dir/app/stacscope" "${@:2}"
    fi
    exec "$build_dir/app/stacscope" "${@:2}"
    ;;
test)
    install_missing
    configure_and_build
    cd "$build_dir"
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$(nproc)" --timeout 600
    ;;
package)
    install_missing
    configure_and_build
    (cd "$build_dir" && cpack)
    ;;
sanitize)
    install_missing "${sanitize_packages[@]}"
    exec bash packaging/sanitize.sh "${@:2}"
    ;;
bench)
    install_missing "${bench_packages[@]}"
    configure_and_build
    for bench in "$build_dir"/tests/bench/bench_*; do
        [ -x "$bench" ] && [ -f "$bench" ] || continue
        echo "== $(basename "$bench")"
        QT_QPA_PLATFORM=offscreen "$bench"
    done
    echo "== bench_download"
    bash tests/bench/bench_download.sh "$build_dir"
    ;;
*)
    echo "usage: bash packaging/dev.sh (run|test|bench|package|sanitize ...)" >&2
    exit 2
    ;;
esac
