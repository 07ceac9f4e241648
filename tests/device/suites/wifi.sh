# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 44
# Wi-Fi and the rest of networking.h, end to end, nothing leaving the
# device. First the errno conformance tables of networking.h and
# wificonfig.h (tests/appman/errnos.c), with and without the capabilities.
# Then an access point: a network namespace (test host) with busybox udhcpd,
# a test NTP server whose clock runs 2 h ahead (ntp-responder) and a DNS
# server, that the simulated radio sees (/run/azsphere/radio/aps) with a
# neighbour network. The samples, installed from their package roots, do
# what apps do, and each effect is checked where it lands: wifi-setup stores
# the network and wlan0 connects and gets a lease (in the access point's
# lease file, on the device's wlan0), releases and renews it; time-sync
# takes the NTP server from the lease (the query reaches the test server,
# the device's clock moves 2 h); private-network gives wlan0 a static
# address and serves DHCP and SNTP to the access point's side (a lease in
# the device's lease file, an NTP answer from the device).
. /etc/azs/lib.sh
img=/usr/lib/azs-tests/images
roots=/usr/share/azsphere/approots
none=11111111-2222-4333-8444-000000000050
caps=11111111-2222-4333-8444-000000000051
wifi=6a1f3e5b-2c4d-4e8f-9a0b-1c2d3e4f5a60
tsync=7b2a4f6c-3d5e-4f90-8b1c-2d3e4f5a6b61
priv=8c3b5a7d-4e6f-4a01-9c2d-3e4f5a6b7c62
ap=/tmp/ap
net=/run/azsphere/net

logs_have() { azs-appctl logs "$1" | grep -q "$2"; }
show_log() { azs-appctl logs "$1" | tail -n "${3:-8}" | sed "s/^/# [$2] /"; }
removes() { azs-appctl remove "$1" > /dev/null && ! azs-appctl list | grep -q "$1"; }
ap_run() { nsenter -t "$(cat $ap/pid)" -n "$@"; }
flag() { echo $(($(cat /sys/class/net/wlan0/flags) & $1)); }
wlan_has() { ip -4 addr show dev wlan0 | grep -q "inet $1"; }
wlan_no_ipv4() { ! ip -4 addr show dev wlan0 | grep -q inet; }
ap_mac() { ap_run ip link show azsradio0 | awk '/link\/ether/ {print $2}'; }

echo "TAP version 13"
# Networking is ready only after a time sync: the default NTP name is the
# access point's second address, whose NTP server keeps the device's time.
echo "10.88.0.2 prod.time.sphere.azure.net" >> /etc/hosts
azs_check "the application manager starts" azs_start_appmand
azs_check "wlan0 is up, without a network (no carrier)" \
	sh -c '[ "$(cat /sys/class/net/wlan0/carrier)" = 0 ] && [ $(($(cat /sys/class/net/wlan0/flags) & 1)) = 1 ]'
azs_check "wlan0's DHCP client (busybox udhcpc) runs" azs_wait_for 5 azs_running udhcpc
azs_check "the time-sync service runs" azs_wait_for 5 grep -qx timesync /proc/[0-9]*/comm

# The errno tables, before any network exists.
azs_check "errnos: an app without capabilities installs" azs-appctl install $img/errnos_none
azs_check "errnos: every gated call is EACCES, bad arguments their errno (41 rows)" \
	azs_wait_for 20 logs_have $none "errnos none: 41 rows, 0 failed"
azs-appctl logs $none | grep 'FAIL' | sed 's/^/# /'
azs_check "errnos: an app with the networking capabilities installs" azs-appctl install $img/errnos_caps
azs_check "errnos: arguments, unknown ids and interfaces, not connected (41 rows)" \
	azs_wait_for 20 logs_have $caps "errnos caps: 41 rows, 0 failed"
azs-appctl logs $caps | grep 'FAIL' | sed 's/^/# /'
azs_check "hardware address: HardwareAddressConfig sets wlan0's" \
	azs_wait_for 10 logs_have $caps "hwaddr set: ok"
azs_check "... the device's wlan0 has it" test "$(cat /sys/class/net/wlan0/address)" = 02:00:5e:10:20:30
azs_check "... persisted on the flash, root's only" \
	test "$(cat /mnt/flash/azsphere/wlan0.hwaddr):$(stat -c %a /mnt/flash/azsphere/wlan0.hwaddr)" = "02:00:5e:10:20:30:600"
removes $none
removes $caps

# The access point. Its side of the link appears in its namespace when the
# radio associates; it then brings it up and starts its servers.
mkdir -p $ap
unshare -n sleep 100000 &
echo $! > $ap/pid
azs_wait_for 5 test -e /proc/$(cat $ap/pid)/ns/net
: > $ap/leases
cat > $ap/udhcpd.conf <<CONF
interface azsradio0
start 10.88.0.100
end 10.88.0.109
lease_file $ap/leases
pidfile $ap/udhcpd.pid
auto_time 1
option subnet 255.255.255.0
option router 10.88.0.1
option dns 10.88.0.1
option ntpsrv 10.88.0.1
option lease 3600
CONF
cat > $ap/side.sh <<SIDE
ip link set lo up
while ! ip link show azsradio0 > /dev/null 2>&1; do sleep 0.2; done
ip addr add 10.88.0.1/24 dev azsradio0
ip link set azsradio0 up
udhcpd -f $ap/udhcpd.conf > $ap/udhcpd.log 2>&1 &
/usr/lib/azs-tests/ntp-responder 10.88.0.1 7200 > $ap/ntp.log 2>&1 &
ip addr add 10.88.0.2/24 dev azsradio0
/usr/lib/azs-tests/ntp-responder 10.88.0.2 0 > $ap/ntp-default.log 2>&1 &
/usr/lib/azs-tests/dns-responder 10.88.0.1 ap.test=10.88.0.1 > /dev/null 2>&1 &
SIDE
ap_run sh $ap/side.sh &
mkdir -p /run/azsphere/radio
printf 'azs-ap 02:00:00:aa:00:01 wpa2 2437 -42 %s correct-horse-battery\nneighbour 02:00:00:bb:00:02 open 5180 -71 0 -\n' \
	"$(cat $ap/pid)" > /run/azsphere/radio/aps

azs_check "wifi-setup installs" azs-appctl install $roots/wifi-setup
azs_check "... its scan sees both networks" azs_wait_for 10 logs_have $wifi "INFO: 2 networks in range"
azs_check "... with SSID, security, frequency and signal" \
	logs_have $wifi "INFO: network azs-ap, WPA2-PSK, 2437 MHz, -42 dBm"
azs_check "... networking becomes ready (connected, with a lease)" \
	azs_wait_for 60 logs_have $wifi "INFO: networking is ready"
azs_check "... the current network: SSID, BSSID, frequency, signal, its stored id" \
	logs_have $wifi "INFO: connected to azs-ap, BSSID 02:00:00:aa:00:01, 2437 MHz, -42 dBm, network id 0"
azs_check "... and wlan0's hardware address as the device has it" \
	logs_have $wifi "INFO: wlan0 hardware address $(cat /sys/class/net/wlan0/address)"
azs_check "the access point's DHCP server leased wlan0 an address (its lease file)" \
	azs_wait_for 10 sh -c "dumpleases -f $ap/leases | grep -i '$(cat /sys/class/net/wlan0/address)' | grep -q ' 10\.88\.0\.10[0-9] '"
azs_check "... and wlan0 has it, with the default route through the access point" \
	sh -c "ip -4 addr show dev wlan0 | grep -q 'inet 10.88.0.10[0-9]/24' && ip route | grep -q 'default via 10.88.0.1 dev wlan0'"
{ ip -4 addr show dev wlan0; ip route; } | sed 's/^/# /'
azs_check "... and the lease's DNS server is the device's resolver" grep -qx 'nameserver 10.88.0.1' /etc/resolv.conf
azs_check "the device reaches the access point's DNS server through wlan0" \
	sh -c "nslookup ap.test 10.88.0.1 | grep -q 10.88.0.1"
azs_check "ReleaseIp (20 s later): the app sees no address" \
	azs_wait_for 60 logs_have $wifi "INFO: released the lease: wlan0 has no address"
azs_check "RenewIp: networking ready again" \
	azs_wait_for 30 logs_have $wifi "INFO: renewed the lease: networking is ready again"
azs_check "... the access point acknowledged a second request" \
	sh -c "[ \$(grep -c 'sending ACK' $ap/udhcpd.log) -ge 2 ]"
azs_check "... and wlan0 has an address again" wlan_has 10.88.0.10
show_log $wifi wifi-setup 14
# Scans ask the radio each time: a change to the access points shows in the
# running app's next scan, with no restart (docs/network.md).
wifi_pid=$(azs_app_field $wifi pid)
azs_check "a running app's scan lists both networks" \
	azs_wait_for 10 logs_have $wifi "INFO: rescan: 2 networks in range: azs-ap neighbour"
printf 'later-ap 02:00:00:cc:00:03 open 2412 -60 0 -\n' >> /run/azsphere/radio/aps
azs_check "... an access point added: its next scan lists it" \
	azs_wait_for 10 logs_have $wifi "INFO: rescan: 3 networks in range: azs-ap neighbour later-ap"
sed -i '/^neighbour /d' /run/azsphere/radio/aps
one_gone() {
	azs_wait_for 10 logs_have $wifi "INFO: rescan: 2 networks in range: azs-ap later-ap" &&
		[ "$(azs_app_field $wifi pid)" = "$wifi_pid" ]
}
azs_check "... one gone: its next scan no longer does, the app not restarted" one_gone
azs_check "... and wlan0 stayed connected" wlan_has 10.88.0.10

t0=$(date +%s)
azs_check "time-sync installs (NTP servers from the DHCP lease)" azs-appctl install $roots/time-sync
azs_check "... it reports the synchronisation with the lease's server" \
	azs_wait_for 60 logs_have $tsync "INFO: synchronised with 10.88.0.1:"
azs_check "the test NTP server saw the device's query (from wlan0's address)" \
	grep -q 'ntp-responder: query from 10.88.0.10[0-9]' $ap/ntp.log
azs_check "the device's clock moved by the server's 2 h" sh -c "[ \$((\$(date +%s) - $t0)) -ge 7000 ]"
azs_check "... the app's time before the sync and the NTP time are 2 h apart" \
	sh -c "azs-appctl logs $tsync | sed -n 's/.*the clock was \(.*\), NTP time \(.*\) UTC/\1|\2/p' |
		awk -F'|' '{ cmd = \"date -u -d \\\"\" \$1 \"\\\" +%s\"; cmd | getline a; close(cmd);
		cmd = \"date -u -d \\\"\" \$2 \"\\\" +%s\"; cmd | getline b; close(cmd); exit !(b - a >= 7190 && b - a <= 7210) }'"
azs_check "the NTP setting is persisted (automatic, root's only)" \
	sh -c "grep -qx 'mode 1' /mnt/flash/azsphere/timesync.conf && [ \$(stat -c %a /mnt/flash/azsphere/timesync.conf) = 600 ]"
show_log $tsync time-sync 4
sed 's/^/# [timesync] /' $net/timesync.log | tail -n 5
removes $tsync

# The device as a DHCP and SNTP server on a static address.
ap_run kill "$(cat $ap/udhcpd.pid)"
cat > $ap/client.sh <<'CLIENT'
#!/bin/sh
[ "$1" = bound ] || exit 0
ip addr add "$ip/24" dev "$interface"
echo "$ip $ntpsrv" > /tmp/ap/client-lease
CLIENT
chmod +x $ap/client.sh
azs_check "private-network installs" azs-appctl install $roots/private-network
azs_check "... its SNTP server starts" \
	azs_wait_for 20 logs_have $priv "INFO: SNTP server started on 192.168.100.10"
# The client the daemon stopped may still be a zombie for up to a second
# (init reaps it): it has ended, it does not run.
static_no_dhcp() { ip -4 addr show dev wlan0 | grep -q 'inet 192.168.100.10/24' && ! azs_running udhcpc; }
azs_check "wlan0 has the static address, no DHCP client runs" static_no_dhcp
azs_check "... and the custom DNS server is the resolver" grep -qx 'nameserver 192.168.100.10' /etc/resolv.conf
azs_check "a client on the access point's side gets a lease from the device" \
	ap_run udhcpc -i azsradio0 -n -q -t 5 -T 1 -s $ap/client.sh
azs_check "... the pool's address, with the device as its NTP server (option 42)" \
	test "$(cat $ap/client-lease)" = "192.168.100.11 192.168.100.10"
azs_check "... in the device's DHCP server's lease file" \
	azs_wait_for 10 sh -c "dumpleases -f $net/udhcpd.leases | grep -i '$(ap_mac)' | grep -q ' 192\.168\.100\.11 '"
sntp_answers() { # three tries of chronyd -Q on the access point's side
	for try in 1 2 3; do
		ap_run timeout 20 chronyd -Q -u root -f /dev/null 'server 192.168.100.10 iburst' \
			'cmdport 0' 'bindcmdaddress /' 'port 0' "pidfile $ap/q.pid" > $ap/sntp.out 2>&1
		grep -q 'System clock wrong by' $ap/sntp.out && return 0
	done
	return 1
}
azs_check "the device's SNTP server answers the client" sntp_answers
tail -n 3 $ap/sntp.out | sed 's/^/# [chronyd -Q] /'
tail -n 3 $net/sntpd.log | sed 's/^/# [sntpd] /'
show_log $priv private-network 4
sed 's/^/# [udhcpd] /' $net/udhcpd.log | tail -n 5
echo "1..$azs_tap_n"
azs_check_dmesg
