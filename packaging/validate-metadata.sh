#!/usr/bin/env bash
# The desktop entry and the AppStream metainfo as the packages install them:
#   validate-metadata.sh desktop FILE.desktop
#   validate-metadata.sh appstream FILE.metainfo.xml SCREENSHOTS_DIR
# The metainfo's screenshots are URLs under https://stacscope.org/screenshots/; each must name a file
# of SCREENSHOTS_DIR (packaging/screenshots), which is what gets published there.
set -euo pipefail

case "${1:-}" in
desktop)
    desktop-file-validate "$2"
    echo "desktop-file-validate: $2 ok"
    ;;
appstream)
    appstreamcli validate --no-net "$2"
    urls=$(grep -o '>https://stacscope.org/screenshots/[^<]*<' "$2" | tr -d '<>' || true)
    if [ -z "$urls" ]; then
        echo "no screenshots in $2" >&2
        exit 1
    fi
    for url in $urls; do
        if [ ! -f "$3/${url#https://stacscope.org/screenshots/}" ]; then
            echo "$url: no such file in $3" >&2
            exit 1
        fi
    done
    echo "screenshots: $(echo "$urls" | wc -l) referenced, all in $3"
    ;;
*)
    echo "usage: validate-metadata.sh (desktop FILE | appstream FILE SCREENSHOTS_DIR)" >&2
    exit 2
    ;;
esac
