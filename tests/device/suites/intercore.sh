# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 35
# Intercore messaging (docs/iocore.md, "The mailbox"): the HL sample
# intercore-hl connects to the RT sample echo-rt with Application_Connect;
# the application manager checks both manifests' AllowedApplicationConnections
# and passes a socket connected to echo-rt's mailbox; echo-rt answers each
# message upper-cased through its shared buffers. Attacks: a partner echo-rt
# does not list, one that does not list echo-rt, a malformed component ID,
# an oversized message, the RT app not running, and an RT image that writes a
# malformed ring (the core faults, naming it; nothing else is harmed).
#
# Until the application manager starts RT apps on their core itself (issue
# #18, its rtcore module), this suite starts azs-iocore with --mailbox at the
# path the manager uses, /run/azs/iocore/<component id>.mbox.
. /etc/azs/lib.sh
rt=c3e6b1a2-5d4f-4e8a-9b7c-2f1e0d9c8b71       # echo-rt
hl=4f8d2c6a-1b3e-4a5f-8c7d-9e0f1a2b3c4d       # intercore-hl
notlisted=0b7e3f92-4c1d-4a6b-8e5f-7d2c9a1b3e40 # lists echo-rt; echo-rt does not list it
oneway=9d1c7e35-6a2b-4c8f-a0e4-5b3d2f1e0c96    # echo-rt lists it; it does not list echo-rt
badid=1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5     # asks for a malformed component ID
garble=e2a9f4c7-3b81-4d6e-b5f0-8c1a7d2e9f34    # mbox-garble-rt
roots=/usr/share/azsphere/approots
mbox=/run/azs/iocore/$rt.mbox
out=/tmp/intercore.out
ev=/tmp/intercore.ev

# mkapp NAME CID ALLOWED-JSON CMDARGS-JSON: a copy of intercore-hl's package
# root with another manifest (a test image directory).
mkapp() {
	rm -rf /tmp/ic-$1
	mkdir -p /tmp/ic-$1/bin
	cp $roots/intercore-hl/bin/app /tmp/ic-$1/bin/app
	cat > /tmp/ic-$1/app_manifest.json <<JSON
{ "SchemaVersion": 1, "Name": "Intercore-$1", "ComponentId": "$2", "EntryPoint": "/bin/app",
  "CmdArgs": [ $4 ], "Capabilities": { "AllowedApplicationConnections": [ $3 ] },
  "ApplicationType": "Default" }
JSON
}
logs_have() { azs-appctl logs "$1" | grep -q -- "$2"; }
start_core() { # IMAGE: azs-iocore on IO0 with the mailbox, in the background
	azs-iocore --core IO0 --image "$1" --mailbox "$2" > $out 2> $ev &
	core=$!
	azs_wait_for 10 test -S "$2"
}
echoes() { grep -c "^echo-rt: echoed 15 bytes to 4f8d2c6a$" $out; }

echo "TAP version 13"
azs_check "the pair's images are in the device" \
	test -f /usr/share/azsphere/rt/echo-rt.elf -a -f $roots/intercore-hl/bin/app -a -d $roots/echo-rt
azs_check "the application manager starts" azs_start_appmand
azs_check "echo-rt's package root installs" azs-appctl install $roots/echo-rt
azs_check "azs-iocore runs echo-rt on IO0, listening on its mailbox socket" \
	start_core /usr/share/azsphere/rt/echo-rt.elf $mbox
azs_check "... the socket is root's alone (0600 in a 0700 directory)" \
	sh -c "[ \"\$(stat -c '%u %a' $mbox)\" = '0 600' ] && [ \"\$(stat -c '%u %a' /run/azs/iocore)\" = '0 700' ]"
azs_check "echo-rt says it is ready on its debug UART" azs_wait_for 10 grep -q '^echo-rt: ready$' $out

# The pair.
azs_check "intercore-hl installs and runs" azs-appctl install $roots/intercore-hl
azs_check "... it connects (Application_Connect)" azs_wait_for 15 logs_have $hl "intercore-hl: connected to $rt"
azs_check "... it gets its three messages back upper-cased" azs_wait_for 15 logs_have $hl "intercore-hl: done"
azs_check "... each answer is its message's" sh -c \
	"for i in 1 2 3; do azs-appctl logs $hl | grep -q \"sent 'hello from hl \$i', got 'HELLO FROM HL \$i'\" || exit 1; done"
azs_check "echo-rt's UART: three 15-byte messages, each from intercore-hl" test "$(echoes)" = 3
azs_check "the core names the connection's HL app" grep -q "IO0: mailbox: connection from $hl" $ev
azs_check "the manager's log of the app: connected" logs_have $hl "Application_Connect($rt): connected"

# Who may connect: both manifests must list the other.
mkapp notlisted $notlisted "\"$rt\"" ""
azs_check "an HL app echo-rt does not list installs" azs-appctl install /tmp/ic-notlisted
azs_check "... Application_Connect fails with EACCES" \
	azs_wait_for 15 logs_have $notlisted "Application_Connect($rt): Permission denied (errno 13)"
azs_check "... the manager names the RT app's list" \
	logs_have $notlisted "the real-time app's AllowedApplicationConnections does not list this app"
mkapp oneway $oneway "\"$hl\"" ""
azs_check "an HL app that does not list echo-rt (which lists it) installs" azs-appctl install /tmp/ic-oneway
azs_check "... Application_Connect fails with EACCES" \
	azs_wait_for 15 logs_have $oneway "Application_Connect($rt): Permission denied (errno 13)"
azs_check "... the manager names the app's own list" \
	logs_have $oneway "not in this app's AllowedApplicationConnections"
mkapp badid $badid "\"$rt\"" "\"zzzzzzzz-5d4f-4e8a-9b7c-2f1e0d9c8b71\""
azs_check "an HL app asking for a malformed component ID installs" azs-appctl install /tmp/ic-badid
azs_check "... Application_Connect fails with EINVAL" \
	azs_wait_for 15 logs_have $badid "Invalid argument (errno 22)"
azs_check "... the runtime names the byte" \
	logs_have $badid "app-connect: component ID byte 0 (0x7a) is not a hex digit"
azs_check "nothing reached echo-rt from them" test "$(grep -c 'mailbox: connection from' $ev)" = 1

# An oversized message (the sample's "oversize" argument): refused by the
# core, the connection goes on.
mkapp big $hl "\"$rt\"" "\"$rt\", \"oversize\""
azs_check "intercore-hl updated to send 1025 bytes first" azs-appctl install /tmp/ic-big
azs_check "... the core refuses that message, naming the maximum" azs_wait_for 15 grep -q \
	"IO0: mailbox: refused a message of 1025 bytes from $hl: over the 1024-byte maximum" $ev
azs_check "... and the three after it are answered" azs_wait_for 15 sh -c "[ \$(grep -c '^echo-rt: echoed 15 bytes' $out) = 6 ]"

# The RT app not running.
kill $core
wait $core
rc=$?
azs_check "azs-iocore stops cleanly on SIGTERM (exit 0)" test $rc = 0
azs_check "... and removes its socket" test ! -e $mbox
azs_check "intercore-hl restarted" sh -c "azs-appctl stop $hl && azs-appctl start $hl"
azs_check "... Application_Connect fails with ECONNREFUSED (echo-rt is not running)" \
	azs_wait_for 15 logs_have $hl "Connection refused (errno 111)"

# A malformed ring from the RT side faults the core and harms nothing.
azs-iocore --core IO0 --image /usr/share/azsphere/rt/mbox-garble-rt.elf \
	--mailbox /run/azs/iocore/$garble.mbox --seconds 10 > $out 2> $ev
rc=$?
azs_check "mbox-garble-rt: the core faults (exit 3)" test $rc = 3
azs_check "... naming the mailbox, the buffer and the length" grep -q \
	"IO0: stopped: mailbox fault: outbound buffer: message of 65535 bytes at 0x0: over the 1044-byte maximum" $ev
azs_check "... at once: the app's next line never ran" sh -c "grep -q 'writing a bad block' $out && ! grep -q 'still running' $out"
azs_check "... its socket is gone and the manager still answers" sh -c \
	"! test -e /run/azs/iocore/$garble.mbox && azs-appctl list | grep -q $hl"
echo "1..$azs_tap_n"
azs_check_dmesg
