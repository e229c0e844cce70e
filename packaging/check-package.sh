#!/usr/bin/env bash
# Builds the DEB and TGZ with cpack into BUILD_DIR/packages and checks them:
#   check-package.sh [--install] BUILD_DIR
# - the .deb's Depends: what dpkg-shlibdeps found, plus the packages of the plugins and libraries
#   Qt and QtKeychain load at run time (checked against the files' owners on this machine);
# - its files, exactly, and that icons, manual page and binaries are what they claim to be;
# - the TGZ's files, and that its stacscope-cli runs from the unpacked folder.
# --install (as root; .ci/run uses it) then installs the .deb with apt-get, runs both programs from
# /usr/bin (the app offscreen: --check, then a real start on the demo catalog) and removes it.
set -euo pipefail

install=0
if [ "${1:-}" = "--install" ]; then
    install=1
    shift
fi
if [ $# -ne 1 ]; then
    echo "usage: check-package.sh [--install] BUILD_DIR" >&2
    exit 2
fi
build="$(cd "$1" && pwd)"
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's/^project(StacScope VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")"
id=org.stacscope.StacScope
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

out="$build/packages"
rm -rf "$out"
mkdir -p "$out"
if ! cpack --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1; then
    cat "$out/cpack.log" >&2
    fail "cpack"
fi
arch="$(dpkg --print-architecture)"
deb="$out/stacscope_${version}_${arch}.deb"
tgz="$out/stacscope-${version}-Linux.tar.gz"
[ -f "$deb" ] || fail "no $deb (cpack wrote: $(ls "$out"))"
[ -f "$tgz" ] || fail "no $tgz (cpack wrote: $(ls "$out"))"
echo "packages: $(du -h "$deb" | cut -f1) $(basename "$deb"), $(du -h "$tgz" | cut -f1) $(basename "$tgz")"

# --- control fields
[ "$(dpkg-deb -f "$deb" Package)" = stacscope ] || fail "Package is not stacscope"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version $(dpkg-deb -f "$deb" Version), not $version"
depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
names=" $(echo "$depends" | tr ',|' '\n\n' | sed 's/(.*//; s/^ *//; s/ *$//' | tr '\n' ' ') "
has() { [[ "$names" == *" $1 "* ]]; }
# Linked (from dpkg-shlibdeps), by name; GDAL's and GEOS's carry their ABI in the name.
for p in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6sql6 \
    libqt6positioning6 libqt6keychain1 libssl3; do
    has "$p" || fail "Depends lacks $p (linked)"
done
[[ "$names" =~ \ libgdal[0-9]+\  ]] || fail "Depends lacks libgdal (linked)"
[[ "$names" =~ \ libgeos-c1v5\  ]] || fail "Depends lacks libgeos-c1v5 (linked)"
# Loaded at run time: each file's package must be a dependency.
multiarch="$(dpkg-architecture -qDEB_HOST_MULTIARCH)"
plugins="/usr/lib/$multiarch/qt6/plugins"
for file in "$plugins/sqldrivers/libqsqlite.so" "$plugins/imageformats/libqsvg.so" \
    "$plugins/iconengines/libqsvgicon.so" "$plugins/platforms/libqxcb.so" \
    "$plugins/tls/libqopensslbackend.so" "/usr/lib/$multiarch/libsecret-1.so.0"; do
    owner="$(dpkg -S "$file" 2>/dev/null | head -1 | cut -d: -f1)" || true
    [ -n "$owner" ] || fail "$file is not installed here: cannot tell which package ships it"
    has "$owner" || fail "Depends lacks $owner, which ships $file"
    echo "run-time file $file: $owner, depended on"
done

# --- files, exactly
expected="./usr/bin/stacscope
./usr/bin/stacscope-cli
./usr/share/applications/$id.desktop
./usr/share/doc/stacscope/copyright
./usr/share/icons/hicolor/scalable/apps/$id.svg
./usr/share/man/man1/stacscope-cli.1.gz
./usr/share/metainfo/$id.metainfo.xml"
for size in 16 22 24 32 48 64 128 256; do
    expected+=$'\n'"./usr/share/icons/hicolor/${size}x${size}/apps/$id.png"
done
actual="$(dpkg-deb -c "$deb" | grep -v '^d' | awk '{print $6}' | sort)"
if [ "$actual" != "$(echo "$expected" | sort)" ]; then
    diff <(echo "$expected" | sort) <(echo "$actual") >&2 || true
    fail "the .deb's files differ from the expected list (< expected, > in the package)"
fi
echo "files: $(echo "$actual" | wc -l), as expected"

tmp="$(mktemp -d)"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
dpkg-deb -x "$deb" "$tmp/deb"
for size in 16 22 24 32 48 64 128 256; do
    file -b "$tmp/deb/usr/share/icons/hicolor/${size}x${size}/apps/$id.png" | grep -q "PNG image data, $size x $size" \
        || fail "the ${size}x${size} icon is not a ${size}x${size} PNG"
done
for exe in stacscope stacscope-cli; do
    file -b "$tmp/deb/usr/bin/$exe" | grep -q ", stripped" || fail "usr/bin/$exe is not stripped"
done
zcat "$tmp/deb/usr/share/man/man1/stacscope-cli.1.gz" | head -5 | grep -q '^\.TH STACSCOPE-CLI 1 ' \
    || fail "the manual page has no .TH STACSCOPE-CLI 1 line"
if command -v groff >/dev/null; then
    warnings="$(zcat "$tmp/deb/usr/share/man/man1/stacscope-cli.1.gz" | groff -man -Tutf8 -ww -z 2>&1 || true)"
    [ -z "$warnings" ] || fail "groff warns about the manual page: $warnings"
fi
grep -q "<release version=\"$version\"" "$tmp/deb/usr/share/metainfo/$id.metainfo.xml" \
    || fail "the installed metainfo has no release $version"

# --- the TGZ: the same files under stacscope-<version>-Linux/, and runnable from there
top="stacscope-${version}-Linux"
tar -tzf "$tgz" >"$tmp/tgz.list"
for f in bin/stacscope bin/stacscope-cli share/applications/$id.desktop share/metainfo/$id.metainfo.xml \
    share/man/man1/stacscope-cli.1.gz share/icons/hicolor/256x256/apps/$id.png; do
    grep -qx "$top/$f" "$tmp/tgz.list" || fail "the TGZ lacks $top/$f"
done
tar -xzf "$tgz" -C "$tmp"
[ "$("$tmp/$top/bin/stacscope-cli" --version)" = "stacscope-cli $version" ] || fail "the TGZ's stacscope-cli --version"
echo "TGZ: ok"

if [ "$install" -eq 0 ]; then
    echo "packages: ok (not installed; --install does that, as root)"
    exit 0
fi

# --- install, run from /usr/bin, remove
[ "$(id -u)" -eq 0 ] || fail "--install needs root"
if dpkg-query -W -f='${Status}' stacscope 2>/dev/null | grep -q "install ok installed"; then
    fail "a stacscope package is installed already; remove it first"
fi
cleanup() {
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -q stacscope >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
export XDG_CACHE_HOME="$tmp/home/.cache" XDG_RUNTIME_DIR="$tmp/runtime" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
cd "$tmp"
[ "$(/usr/bin/stacscope-cli --version)" = "stacscope-cli $version" ] || fail "stacscope-cli --version"
[ "$(/usr/bin/stacscope --version)" = "StacScope $version" ] || fail "stacscope --version"
# The embedded basemap and demo catalog, the SQLite driver, the SVG and TLS plugins.
timeout 60 /usr/bin/stacscope --check || fail "stacscope --check"
# A real start: the window opens the demo catalog, searches it and paints the results, then quits.
# (No D-Bus session here: the keychain falls back to memory, as the app announces.)
started="$(DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent timeout 120 /usr/bin/stacscope --startup-benchmark)" \
    || fail "stacscope --startup-benchmark"
echo "$started"
items="$(echo "$started" | sed -n 's/.*"items":\([0-9]*\).*/\1/p')"
[ "${items:-0}" -gt 0 ] || fail "the app found no items in its demo catalog"
# Its store, through Qt's SQLite driver.
[ -s "$XDG_DATA_HOME/StacScope/StacScope/stacscope.sqlite" ] || fail "the app wrote no SQLite database"
found="$(timeout 60 /usr/bin/stacscope-cli search --catalog demo --max-items 5 2>/dev/null \
    | { grep -o '"type": *"Feature"' || true; } | wc -l)"
[ "$found" -eq 5 ] || fail "stacscope-cli search --catalog demo returned $found items, not 5"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -q stacscope
[ ! -e /usr/bin/stacscope ] || fail "/usr/bin/stacscope is still there after removal"
echo "installed, ran and removed: ok"
