#!/bin/sh
# SPDX-License-Identifier: MIT
# The application manager's layers (docs/application-manager.md, "Layers"):
# calls go down only. Every module of containerd-lite/src/appmand has a tier
# in the table below; a file (.c or .h) may include the daemon's headers of a
# lower tier only, besides its own module's header. A file or header of the
# directory missing from the table fails (place a new module in a layer), and
# the shared appmand.h holds types only (a function declared there is
# callable from every layer, up as well as down), and a module's header
# declares only the functions its own .c defines (one header per module).
# Usage: appmand_layers_test.sh SOURCE_DIR (or the appmand directory itself)
set -u
src=${1:?usage: appmand_layers_test.sh SOURCE_DIR}
dir=$src/containerd-lite/src/appmand
[ -d "$dir" ] || dir=$src
. "$(dirname "$0")/tap.sh"

# MODULE TIER LAYER: higher tiers are above; modules of one tier are
# siblings and may not include each other's headers. The module's .c and
# .h (either may be absent: main.c has no header, appmand.h no .c) share it.
table='
main       11 daemon
control    10 transport
cloud       9 operations
lifecycle   8 operations
supervisor  7 services
runtime     6 services
rtcore      6 services
intercore   5 services
store       4 services
network     4 services
wifi        4 services
platform    3 services
netif       3 services
certstore   3 services
deviceauth  3 services
util        2 utilities
appmand     1 utilities
resolver    0 utilities
trust       0 utilities
wifi_store  0 utilities
app_libs    0 utilities
image_cache 0 utilities
'

# tier MODULE: its tier, or nothing.
tier() {
	echo "$table" | awk -v m="$1" '$1 == m { print $2 }'
}

layer() {
	echo "$table" | awk -v m="$1" '$1 == m { print $3 }'
}

files=$(cd "$dir" && ls -- *.c *.h 2>/dev/null)
if [ -z "$files" ]; then
	fail "appmand sources" "no .c or .h files in $dir"
	exit 1
fi

# Every file of the directory is placed in a layer.
unplaced=
for f in $files; do
	[ -n "$(tier "${f%.*}")" ] || unplaced="$unplaced $f"
done
if [ -z "$unplaced" ]; then
	pass "every module of appmand is in a layer"
else
	fail "every module of appmand is in a layer" \
		"not in the layer table:$unplaced (give each a tier in tests/host/appmand_layers_test.sh and docs/application-manager.md, Layers)"
fi

# Includes go down only.
for f in $files; do
	mod=${f%.*}
	t=$(tier "$mod")
	[ -n "$t" ] || continue
	up=
	# shellcheck disable=SC2013 # header names have no spaces
	for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$dir/$f"); do
		[ -f "$dir/$h" ] || continue # another library's header
		hm=${h%.h}
		[ "$hm" = "$mod" ] && continue
		ht=$(tier "$hm")
		[ -n "$ht" ] || continue # reported above
		if [ "$ht" -ge "$t" ]; then
			up="$up $f includes $h ($(layer "$hm") tier $ht, not below $(layer "$mod") tier $t);"
		fi
	done
	if [ -z "$up" ]; then
		pass "$f includes only headers of lower layers"
	else
		fail "$f includes only headers of lower layers" "calls go down only:$up"
	fi
done

# decls HEADER: the functions it declares (a line that opens a parameter list
# outside a comment or a macro), one per line.
decls() {
	sed -e 's,/\*.*\*/,,g' -e '/\/\*/,/\*\//d' "$1" |
		grep -E '^[A-Za-z_][A-Za-z0-9_ *]*[ *]\(?[A-Za-z_][A-Za-z0-9_]*\)?[[:space:]]*\(' |
		sed -E 's/^[^(]*[ *]\(?([A-Za-z_][A-Za-z0-9_]*)\)?[[:space:]]*\(.*/\1/'
}

# The shared header declares no functions.
if [ -f "$dir/appmand.h" ]; then
	names=$(decls "$dir/appmand.h" | tr '\n' ' ')
	if [ -z "$names" ]; then
		pass "appmand.h declares no functions"
	else
		fail "appmand.h declares no functions" \
			"it declares ${names}(declare each in its module's header, in its layer)"
	fi
else
	fail "appmand.h declares no functions" "no appmand.h in $dir"
fi

# One header per module: what a module's header declares, its .c defines (a
# function declared in another module's header would escape the layers).
for h in $files; do
	case $h in *.h) ;; *) continue ;; esac
	[ "$h" = appmand.h ] && continue
	c=${h%.h}.c
	stray=
	for f in $(decls "$dir/$h"); do
		# A definition: the name at the start of a line that does not end in ';'.
		[ -f "$dir/$c" ] && grep -E "^[A-Za-z_][A-Za-z0-9_ *]*[ *]$f\(" "$dir/$c" |
			grep -qv ';[[:space:]]*$' || stray="$stray $f"
	done
	if [ -z "$stray" ]; then
		pass "$h declares only functions of $c"
	else
		fail "$h declares only functions of $c" \
			"not defined in $c:$stray (declare a function in the header of the module that defines it)"
	fi
done

echo "1..$n"
exit $bad
