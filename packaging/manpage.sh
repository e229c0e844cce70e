#!/usr/bin/env bash
# Writes stacscope-cli(1) from the template and the program's own help, so the page cannot go stale:
#   manpage.sh CLI VERSION TEMPLATE OUTPUT
# @COMMANDS@ becomes `stacscope-cli --help`; @OPTIONS@ one subsection per command line of that help
# (with --provider capella / up42 in those sections), each the options its `--help` lists.
set -euo pipefail
if [ $# -ne 4 ]; then
    echo "usage: manpage.sh CLI VERSION TEMPLATE OUTPUT" >&2
    exit 2
fi
cli="$1" version="$2" template="$3" output="$4"

# Text for a .nf block: backslashes and hyphens escaped, no line taken for a request.
verbatim() {
    sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\([.']\)/\\\\\&\1/"
}

usage="$("$cli" --help)"
commands="$(printf '%s\n' "$usage" | verbatim)"

# Commands whose help lists the same options (one parser serves "accounts list", "accounts add"...;
# "search" is the same with or without a provider) share a subsection, titled with all of them; it
# names the provider when only that provider's commands have those options.
order=()
declare -A titles=() lists=() providers=()
provider=""
while IFS= read -r line; do
    case "$line" in
    "Capella ("*) provider=capella ;;
    "UP42 ("*) provider=up42 ;;
    esac
    [[ "$line" =~ ^\ \ stacscope-cli\ ([a-z]+)(\ ([a-z|]+))?(\ |$) ]] || continue
    command="${BASH_REMATCH[1]}"
    subs="${BASH_REMATCH[3]}"
    for sub in ${subs//|/ } ""; do
        [ -n "$sub" ] || [ -z "$subs" ] || continue
        args=("$command")
        [ -z "$sub" ] || args+=("$sub")
        name="${args[*]}"
        [ -z "$provider" ] || args+=(--provider "$provider")
        if ! help="$("$cli" "${args[@]}" --help)"; then
            echo "manpage.sh: stacscope-cli ${args[*]} --help failed" >&2
            exit 1
        fi
        # The options only: the usage lines are in COMMANDS, the exit codes in EXIT STATUS.
        list="$(printf '%s\n' "$help" | sed -n '/^Options:$/,/^Exit codes/{/^Options:$/d;/^Exit codes/d;p}' \
            | sed -e '/./,$!d' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}')"
        [ -n "$list" ] || continue
        key="$(printf '%s' "$list" | md5sum | cut -d' ' -f1)"
        if [ -z "${titles[$key]:-}" ]; then
            order+=("$key")
            titles[$key]="$name"
            lists[$key]="$list"
            providers[$key]="$provider"
        else
            [[ ", ${titles[$key]}, " == *", $name, "* ]] || titles[$key]+=", $name"
            [ "${providers[$key]}" = "$provider" ] || providers[$key]="(several)"
        fi
    done
done <<<"$usage"

options=""
for key in "${order[@]}"; do
    title="${titles[$key]}"
    case "${providers[$key]}" in
    capella) title="Capella (\-\-provider capella or a Capella account): $title" ;;
    up42) title="UP42 (\-\-provider up42 or a UP42 account): $title" ;;
    esac
    options+=".SS \"$(printf '%s' "$title" | sed 's/\([^\\]\)-/\1\\-/g')\""$'\n'".nf"$'\n'
    options+="$(printf '%s\n' "${lists[$key]}" | verbatim)"$'\n'".fi"$'\n'
done
[ -n "$options" ] || { echo "manpage.sh: no command listed any options" >&2; exit 1; }

# Through the environment: awk -v would read the backslashes as escapes.
VERSION="$version" COMMANDS="$commands" OPTIONS="$options" awk '
    { gsub(/@VERSION@/, ENVIRON["VERSION"]) }
    /^@COMMANDS@$/ { print ENVIRON["COMMANDS"]; next }
    /^@OPTIONS@$/ { printf "%s", ENVIRON["OPTIONS"]; next }
    { print }
' "$template" >"$output.tmp"
mv "$output.tmp" "$output"
