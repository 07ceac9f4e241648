# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 40
# Network capabilities: test hosts built here (network namespaces linked to
# the device by veth pairs, each serving HTTP on port 80), apps that connect
# to them and serve ports, and the packet filter that lets through exactly
# what their manifests grant. Nothing leaves the device.
. /etc/azs/lib.sh
img=/usr/lib/azs-tests/images
client=11111111-2222-4333-8444-000000000040
server=11111111-2222-4333-8444-000000000041
none=11111111-2222-4333-8444-000000000042

on_host() { azs_on_test_host "$@"; }
logs_have() { azs-appctl logs "$1" | grep -q "$2"; }
log_line() { azs-appctl logs "$1" | grep -m1 "$2"; }
app_addr() {
	# The app's end of its link: 10.213.0.0 + 4 * (uid - 2000) + 2.
	uid=$(azs_app_field "$1" uid)
	k=$(( (uid - 2000) * 4 + 2 ))
	echo "10.213.$((k / 256)).$((k % 256))"
}
reply_from() { # N PROTO ADDR PORT: the app's answer to test host N
	if [ "$2" = udp ]; then
		on_host "$1" /usr/lib/azs-tests/udp-probe "$3" "$4" 2>/dev/null
	else
		on_host "$1" nc -w 3 "$3" "$4" < /dev/null 2>/dev/null
	fi
}
answers() { reply_from "$@" | grep -q "hello from the app"; }
silent() { ! answers "$@"; }

echo "TAP version 13"
azs_check "test host 1 (allowed.test) is up" azs_test_host 1
azs_check "test host 2 (denied.test) is up" azs_test_host 2
azs_check "test host 3 (by address) is up" azs_test_host 3
printf '10.77.1.2 allowed.test\n10.77.2.2 denied.test\n' >> /etc/hosts
# A DNS server on test host 3, the device's resolver: dns-only.test is known
# only there (test host 3's own address), nowhere.test nowhere.
azs_on_test_host 3 /usr/lib/azs-tests/dns-responder 10.77.3.2 dns-only.test=10.77.3.2 &
echo "nameserver 10.77.3.2" > /etc/resolv.conf
# The device itself serves HTTP too: apps must not reach it.
mkdir -p /tmp/wwwdev && echo device > /tmp/wwwdev/index.html && httpd -p 80 -h /tmp/wwwdev
azs_check "the device reaches test host 1" sh -c "wget -q -O - http://10.77.1.2/ | grep -q 'test host 1'"
azs_check "the application manager starts" azs_start_appmand
azs_check "the packet filter is in place" nft list table inet azsphere

azs_check "a client app installs" azs-appctl install $img/netclient
azs_check "its /etc/hosts has the granted name and was resolved by the runtime" \
	azs_wait_for 10 logs_have $client "connect allowed.test: ok HTTP/1.1 200 OK"
azs_check "an allowed address is reached" logs_have $client "connect 10.77.3.2: ok HTTP/1.1 200 OK"
azs_check "a granted name known only to DNS is resolved by the runtime and reached" \
	azs_wait_for 20 logs_have $client "connect dns-only.test: ok HTTP/1.1 200 OK"
azs_check "a granted name DNS doesn't know is logged, and unreachable" \
	logs_have $client "network: cannot resolve nowhere.test (No such file or directory)"
azs_check "a name it was not granted does not resolve" \
	azs_wait_for 20 logs_have $client "connect denied.test: failed: cannot resolve"
azs_check "an address it was not granted is refused" \
	azs_wait_for 10 logs_have $client "connect 10.77.2.2: failed: Host is unreachable"
azs_check "the device itself is refused" \
	azs_wait_for 10 logs_have $client "connect 10.77.1.1: failed: Host is unreachable"
for what in raw setaddr route bind; do
	azs_check "the app can't $what (no privilege in its namespace)" \
		azs_wait_for 10 logs_have $client "attack $what: refused"
done
azs_check "... none of them succeeded" sh -c "! azs-appctl logs $client | grep -q SUCCEEDED"
azs_check "the app's link is in the device" ip link show "azs-app$(azs_app_field $client uid)"
azs_check "its rules name its link" sh -c "nft list table inet azsphere | grep -q 'azs-app$(azs_app_field $client uid)'"

azs_check "a server app installs" azs-appctl install $img/netserver
azs_wait_for 10 logs_have $server "serve UDP 5001: listening"
srv=$(app_addr $server)
azs_check "its granted TCP port answers a test host" answers 1 tcp "$srv" 8080
azs_check "its other TCP port is refused" silent 1 tcp "$srv" 8081
azs_check "its granted UDP port answers a test host" answers 2 udp "$srv" 5000
azs_check "its other UDP port stays silent" silent 2 udp "$srv" 5001
azs_check "a server app without AllowedConnections reaches nobody" \
	logs_have $server "connect allowed.test: failed: cannot resolve"

azs_check "an app without network capabilities installs" azs-appctl install $img/netnone
# (The test app reports the errno of its setsockopt on the failed socket, not socket's.)
azs_check "it can't connect out" azs_wait_for 10 logs_have $none "connect 10.77.1.2: failed: "
azs_check "... it can't even open an inet socket (the filter allows it AF_UNIX only)" \
	logs_have $none "seccomp: denied socket (nr [0-9]*)"
azs_check "... nor serve one" logs_have $none "serve TCP 8080: failed: Operation not permitted"
azs_check "its server can't be reached either" silent 1 tcp "$(app_addr $none)" 8080
azs_check "it has no link in the device" \
	sh -c "! ip link show azs-app$(azs_app_field $none uid) 2>/dev/null"

azs_check "stopping the client removes its rules" azs-appctl stop $client
azs_check "... and its link" azs_wait_for 5 sh -c "! ip link show azs-app$(azs_app_field $client uid) 2>/dev/null"
azs_check "... and leaves the server's" sh -c "nft list table inet azsphere | grep -q 'tcp dport 8080 ct state new accept'"
azs_check "... without the client's" \
	sh -c "! nft list table inet azsphere | grep -q 'azs-app$(azs_app_field $client uid)'"
azs_check "restarting the client works again" azs-appctl start $client
azs_check "... and it reaches the allowed host again" \
	azs_wait_for 10 sh -c "[ \$(azs-appctl logs $client | grep -c 'connect allowed.test: ok') -ge 2 ]"
azs_check "no kernel warnings" azs_check_dmesg
