#!/usr/bin/env bash
# Download throughput: 8 files of 256 MB served by nginx on loopback, 4 in parallel, fetched by
# stacscope-cli download (with size and sha2-256 verification), curl, aria2c and aria2c with its
# checksum check in the same run: the same warm-up for each, three rounds in rotating order,
# medians. Prints one JSON line per tool (with its peak RSS) and a summary line with the ratios.
#   bash tests/bench/bench_download.sh BUILD_DIR [FILE_MB] [FILES]
set -euo pipefail

build_dir="$(cd "${1:?usage: bench_download.sh BUILD_DIR [FILE_MB] [FILES]}" && pwd)"
file_mb="${2:-256}"
files="${3:-8}"
parallel=4
cli="$build_dir/app/stacscope-cli"
for tool in nginx curl aria2c /usr/bin/time sha256sum; do
    if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
        echo "bench_download: $tool is missing (bash packaging/dev.sh bench installs it)" >&2
        exit 1
    fi
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d "${TMPDIR:-/tmp}/stacscope-bench-dl.XXXXXX")"
nginx_pid=""
cleanup() {
    if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/www" "$work/nginx"
# nginx workers drop to an unprivileged user when started as root: let them read the files.
chmod a+rx "$work" "$work/www"

# The files: random bytes (incompressible), hashed once for the items' file:checksum.
features=""
for i in $(seq 1 "$files"); do
    head -c "$((file_mb * 1024 * 1024))" /dev/urandom >"$work/www/scene-$i.bin"
done
head -c 4096 /dev/urandom >"$work/www/tiny.bin"

start_nginx() {
    local port
    for _ in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 30000))
        cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
error_log $work/nginx/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections 256; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    types { application/octet-stream bin; }
    server {
        listen 127.0.0.1:$port;
        root $work/www;
    }
}
CONF
        "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" >/dev/null 2>>"$work/nginx/start.log" &
        nginx_pid=$!
        for _ in $(seq 1 50); do
            if curl -fsS -o /dev/null "http://127.0.0.1:$port/tiny.bin" 2>/dev/null; then
                nginx_port="$port"
                return 0
            fi
            if ! kill -0 "$nginx_pid" 2>/dev/null; then break; fi
            sleep 0.1
        done
        kill "$nginx_pid" 2>/dev/null || true
        nginx_pid=""
    done
    echo "bench_download: nginx did not start: $(cat "$work/nginx/start.log" "$work/nginx/error.log" 2>/dev/null)" >&2
    return 1
}
nginx_port=""
start_nginx
base="http://127.0.0.1:$nginx_port"

# Items for stacscope-cli: one item per file, one asset each, with file:size and file:checksum.
item_json() {
    local id="$1" name="$2" size="$3" sum="$4"
    printf '{"type":"Feature","stac_version":"1.0.0","id":"%s","geometry":{"type":"Point","coordinates":[0,0]},"bbox":[0,0,0,0],"properties":{"datetime":"2024-01-01T00:00:00Z"},"links":[],"assets":{"data":{"href":"%s/%s","type":"application/octet-stream","roles":["data"],"file:size":%s,"file:checksum":"1220%s"}}}' \
        "$id" "$base" "$name" "$size" "$sum"
}
for i in $(seq 1 "$files"); do
    sum="$(sha256sum "$work/www/scene-$i.bin" | cut -d' ' -f1)"
    size="$(stat -c %s "$work/www/scene-$i.bin")"
    [ -n "$features" ] && features="$features,"
    features="$features$(item_json "scene-$i" "scene-$i.bin" "$size" "$sum")"
    printf '%s/scene-%s.bin\n  out=scene-%s.bin\n' "$base" "$i" "$i" >>"$work/aria2.txt"
    printf '%s/scene-%s.bin\n  out=scene-%s.bin\n  checksum=sha-256=%s\n' "$base" "$i" "$i" "$sum" >>"$work/aria2-checksum.txt"
    printf 'url = "%s/scene-%s.bin"\noutput = "%s/out/scene-%s.bin"\n' "$base" "$i" "$work" "$i" >>"$work/curl.txt"
done
printf '{"type":"FeatureCollection","features":[%s]}\n' "$features" >"$work/items.geojson"
tiny_sum="$(sha256sum "$work/www/tiny.bin" | cut -d' ' -f1)"
printf '{"type":"FeatureCollection","features":[%s]}\n' "$(item_json tiny tiny.bin 4096 "$tiny_sum")" >"$work/tiny.geojson"
total_bytes=$((files * file_mb * 1024 * 1024))

now_ns() { date +%s%N; }
run_timed() { # name, command...: prints seconds, leaves max RSS (KiB) in $work/rss
    local name="$1"
    shift
    local t0 t1
    t0=$(now_ns)
    if ! /usr/bin/time -f '%M' -o "$work/rss" "$@" >"$work/$name.log" 2>&1; then
        echo "bench_download: $name failed:" >&2
        tail -20 "$work/$name.log" >&2
        exit 1
    fi
    t1=$(now_ns)
    local out_bytes
    out_bytes=$(find "$work/out" -type f -name 'scene-*.bin' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s}')
    if [[ "$name" != *_warmup ]] && [ "$out_bytes" -ne "$total_bytes" ]; then
        echo "bench_download: $name wrote $out_bytes bytes, expected $total_bytes" >&2
        exit 1
    fi
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}
mbps() { awk -v b="$total_bytes" -v s="$1" 'BEGIN { printf "%.1f", b / s / 1048576 }'; }

# The tools, each as a function of the items it fetches (all scenes, or the tiny warm-up file).
tool_names=(stacscope curl aria2c aria2c_checksum)
tool_labels=("stacscope-cli" "curl" "aria2c" "aria2c --checksum")
tool_verified=("size+sha2-256" "none" "none" "sha-256")
run_tool() { # index, "all"|"tiny"
    local which="$2"
    case "$1" in
    0)
        if [ "$which" = tiny ]; then
            "$cli" download --items "$work/tiny.geojson" --dir "$work/out" --flat
        else
            "$cli" download --items "$work/items.geojson" --dir "$work/out" --flat --parallel "$parallel"
        fi
        ;;
    1)
        if [ "$which" = tiny ]; then
            curl -fsS -o "$work/out/tiny.bin" "$base/tiny.bin"
        else
            curl -fsS --parallel --parallel-max "$parallel" --config "$work/curl.txt"
        fi
        ;;
    2 | 3)
        local list="$work/aria2.txt"
        [ "$1" = 3 ] && list="$work/aria2-checksum.txt"
        [ "$which" = tiny ] && list="$work/aria2-tiny.txt"
        aria2c -q -d "$work/out" -i "$list" -j "$parallel" -x 1 -s 1 \
            --file-allocation=none --allow-overwrite=true --auto-file-renaming=false
        ;;
    esac
}
export -f run_tool
export cli work parallel base
printf '%s/tiny.bin\n  out=tiny.bin\n  checksum=sha-256=%s\n' "$base" "$tiny_sum" >"$work/aria2-tiny.txt"

# Before every timed run, the same for every tool: the previous run's output is gone and written
# back (sync), and the served files are in the page cache, so every tool reads from memory on the
# server side and no tool pays for another's dirty pages.
prepare() {
    rm -rf "$work/out"
    mkdir -p "$work/out"
    sync
    cat "$work"/www/scene-*.bin >/dev/null
}

# The same warm-up for every tool: one unmeasured fetch of the tiny file (starts the process,
# loads its libraries, opens a connection to nginx). stacscope-cli's doubles as the RSS baseline.
for t in 0 1 2 3; do
    prepare
    run_timed "${tool_names[$t]}_warmup" bash -c "run_tool $t tiny" >/dev/null
    [ "$t" = 0 ] && baseline_rss=$(cat "$work/rss")
done

# Three rounds; the order of the tools rotates by one per round, so no tool always runs first
# (cold) or last (after the others heated the machine). Each tool's median round counts, and
# its peak RSS is the largest of its rounds. aria2c verifies checksums in every round too.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
declare -A runs
declare -A peak_rss
for t in 0 1 2 3; do
    runs[$t]=""
    peak_rss[$t]=0
done
for round in 1 2 3; do
    order=""
    for k in 0 1 2 3; do
        t=$(((k + round - 1) % 4))
        prepare
        s=$(run_timed "${tool_names[$t]}" bash -c "run_tool $t all")
        runs[$t]="${runs[$t]} $s"
        rss=$(cat "$work/rss")
        [ "$rss" -gt "${peak_rss[$t]}" ] && peak_rss[$t]=$rss
        order="$order ${tool_labels[$t]} $s s,"
    done
    echo "round $round:${order%,}" >&2
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
mib() { awk -v p="$1" 'BEGIN { printf "%.1f", p / 1024 }'; }
declare -A rate
for t in 0 1 2 3; do
    # shellcheck disable=SC2086
    secs=$(median ${runs[$t]})
    rate[$t]=$(mbps "$secs")
    # shellcheck disable=SC2086
    rounds_json=$(printf '%s\n' ${runs[$t]} | paste -sd, -)
    extra=""
    [ "$t" = 0 ] && extra=",\"files\":$files,\"file_mb\":$file_mb,\"parallel\":$parallel,\"baseline_rss_mb\":$(mib "$baseline_rss")"
    echo "{\"bench\":\"download\",\"tool\":\"${tool_labels[$t]}\",\"seconds\":$secs,\"rounds\":[$rounds_json],\"mib_per_s\":${rate[$t]},\"verified\":\"${tool_verified[$t]}\",\"peak_rss_mb\":$(mib "${peak_rss[$t]}")$extra}"
done
growth_mb=$(awk -v p="${peak_rss[0]}" -v b="$baseline_rss" 'BEGIN { printf "%.1f", (p - b) / 1024 }')
echo "{\"bench\":\"download\",\"summary\":true,\"order\":\"rotated per round\",\"ratio_vs_aria2c\":$(ratio "${rate[0]}" "${rate[2]}"),\"ratio_vs_aria2c_checksum\":$(ratio "${rate[0]}" "${rate[3]}"),\"ratio_vs_curl\":$(ratio "${rate[0]}" "${rate[1]}"),\"rss_growth_mb\":$growth_mb,\"targets\":{\"ratio_vs_aria2c\":0.95,\"rss_growth_mb\":50}}"
