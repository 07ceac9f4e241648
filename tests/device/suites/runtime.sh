# SPDX-License-Identifier: MIT
# azs-boots: 2
# azs-tests: 131
# Runtime services over the runtime channel: each applibs service with and
# without its capability, the Wi-Fi store persisting across a reboot, a
# forced reboot requested by an app, and malformed packets refused; a damaged
# Wi-Fi store on the flash is refused at start (named, left as it is); wlan0's
# disabled state, static address and DNS server and the proxy persist across
# the reboot, and damaged copies of them are refused by name.
. /etc/azs/lib.sh
img=/usr/lib/azs-tests/images
full=11111111-2222-4333-8444-000000000030
none=11111111-2222-4333-8444-000000000031
garbage=11111111-2222-4333-8444-000000000032
reboot=11111111-2222-4333-8444-000000000033

svc() { azs-appctl logs "$1" | grep -m1 "^svc $2: "; }
svc_is() { [ "$(svc "$1" "$2")" = "svc $2: $3" ]; }
done_with() { azs-appctl logs "$1" | grep -q "^svc $2: "; }
unsynced_not_ready() { [ ! -e /run/azsphere/net/timesync-last ] && svc_is $full net-ready "ok not-ready"; }
boot=$(cat /mnt/flash/boot-count)
# The app itself: the process of its cgroup that is not the sandbox's pid 1.
app_pid() {
	init=$(azs_app_field "$1" pid)
	grep -vx "$init" /sys/fs/cgroup/azsphere/$1/cgroup.procs | head -n 1
}
app_fds_are() { [ "$(ls /proc/$(app_pid $1)/fd | sort -n | tr '\n' ' ' | sed 's/ $//')" = "$2" ]; }

echo "TAP version 13"
azs_check "the application manager starts" azs_start_appmand
if [ ! -f /mnt/flash/runtime-suite ]; then
	echo "$boot" > /mnt/flash/runtime-suite
	sync
	printf '10.77.1.2 allowed.test\n' >> /etc/hosts
	azs_check "wlan0, the simulated radio's interface, exists" test -d /sys/class/net/wlan0
	azs_check "... up, without a network to connect to (no carrier)" \
		sh -c '[ $(($(cat /sys/class/net/wlan0/flags) & 1)) -eq 1 ] && [ "$(cat /sys/class/net/wlan0/carrier)" = 0 ]'
	# A lease, as a DHCP server on the radio's side would give it.
	azs_check "wlan0 gets an address (a stand-in for a DHCP lease)" ip addr add 10.99.0.5/24 dev wlan0
	azs_check "an app with every service capability installs" azs-appctl install $img/rtfull
	azs_check "it runs through its services" azs_wait_for 15 done_with $full sysevent-unregister
	azs_check "only fds 0, 1, 2 and the runtime channel (3) reach the app" app_fds_are $full "0 1 2 3"
	azs_check "... and fd 3 is a socket" sh -c "readlink /proc/$(app_pid $full)/fd/3 | grep -q '^socket:'"
	# Time sync is enabled and no NTP server answers here: not ready, though
	# eth0 and wlan0 have addresses (docs/network.md).
	azs_check "networking: not ready before the first time sync (addresses alone)" unsynced_not_ready
	azs_check "networking: two interfaces" svc_is $full net-count "ok 2"
	azs_check "networking: its own eth0 and the device's wlan0" svc_is $full net-interfaces "ok 2 eth0 wlan0"
	azs_check "networking: wlan0 is enabled, a DHCP client, Wi-Fi" \
		svc_is $full net-wlan0 "ok enabled=1 dhcp=1 medium=1"
	azs_check "networking: up, connected, with an address" svc_is $full net-status "ok 0xf"
	azs_check "networking: wlan0 up with an address, not connected" svc_is $full wlan0-status "ok 0x5"
	azs_check "networking: ReleaseIp on wlan0" svc_is $full wlan0-release ok
	azs_check "... the address is gone from the device's wlan0" \
		sh -c "! ip addr show dev wlan0 | grep -q 'inet 10.99.0.5'"
	azs_check "... and the app sees no address" svc_is $full wlan0-status-released "ok 0x1"
	azs_check "networking: RenewIp on wlan0" svc_is $full wlan0-renew ok
	azs_check "networking: SetInterfaceState disables wlan0" svc_is $full wlan0-disable ok
	azs_check "... the device's wlan0 is down" sh -c '[ $(($(cat /sys/class/net/wlan0/flags) & 1)) -eq 0 ]'
	azs_check "... and the app sees it down" svc_is $full wlan0-status-disabled "ok 0x0"
	azs_check "networking: a static address and DNS server on wlan0 (down)" svc_is $full wlan0-static ok
	azs_check "... on the device's wlan0" sh -c "ip -4 addr show dev wlan0 | grep -q 'inet 10.99.0.7/24'"
	azs_check "networking: a proxy" svc_is $full proxy-apply ok
	azs_check "networking: the app's own link is not its to disable (EPERM)" svc_is $full eth0-disable EPERM
	azs_check "networking: ... nor to release (EPERM)" svc_is $full eth0-release EPERM
	azs_check "networking: an unknown interface is ENOENT" svc_is $full nope-enable ENOENT
	azs_check "networking: ... for RenewIp too" svc_is $full nope-renew ENOENT
	azs_check "networking: ReleaseIp(NULL) is EFAULT" svc_is $full null-release EFAULT
	azs_check "time sync: enabled by default" svc_is $full timesync-get "ok 1"
	azs_check "time sync: disable" svc_is $full timesync-disable ok
	azs_check "time sync: reads disabled" svc_is $full timesync-get-disabled "ok 0"
	azs_check "time sync: enable again" svc_is $full timesync-enable ok
	azs_check "time sync: GetEnabled(NULL) is EFAULT" svc_is $full timesync-get-null EFAULT
	azs_check "wifi: the store starts empty" svc_is $full wifi-count-at-start "ok 0"
	azs_check "wifi: add" svc_is $full wifi-add ok
	azs_check "wifi: SSID" svc_is $full wifi-ssid ok
	azs_check "wifi: security" svc_is $full wifi-security ok
	azs_check "wifi: PSK" svc_is $full wifi-psk ok
	azs_check "wifi: enable" svc_is $full wifi-enable ok
	azs_check "wifi: config name" svc_is $full wifi-name ok
	azs_check "wifi: an id no stored network has is ENODEV" svc_is $full wifi-bad-id ENODEV
	azs_check "wifi: a taken config name is EEXIST" svc_is $full wifi-duplicate-same-name EEXIST
	azs_check "wifi: duplicate" svc_is $full wifi-duplicate ok
	azs_check "wifi: found by config name" svc_is $full wifi-by-name "ok same-id"
	azs_check "wifi: listed with its settings" \
		svc_is $full wifi-list "ok 2 azsphere-test enabled=1 security=2"
	azs_check "wifi: forget" svc_is $full wifi-forget-duplicate ok
	azs_check "wifi: persist" svc_is $full wifi-persist ok
	azs_check "wifi: reload drops what was not persisted" svc_is $full wifi-count-after-reload "ok 1"
	azs_check "wifi: the store is root's only on the flash" \
		test "$(stat -c %a:%u /mnt/flash/azsphere/wifi-networks.json)" = 600:0
	azs_check "wifi: the PSK never comes back to apps" sh -c "! azs-appctl logs $full | grep -q 'correct horse'"
	azs_check "wifi: wlan0 is disabled, scans are ENETDOWN" svc_is $full wifi-scan ENETDOWN
	azs_check "wifi: not connected" svc_is $full wifi-connected ENOTCONN
	azs_check "wifi: no current network, ENODATA" svc_is $full wifi-current ENODATA
	azs_check "certstore: space is reported" svc_is $full cert-space ok
	azs_check "certstore: starts empty" svc_is $full cert-count-at-start "ok 0"
	azs_check "certstore: a root CA installs" svc_is $full cert-install-root ok
	azs_check "certstore: a client certificate with its encrypted key installs" \
		svc_is $full cert-install-client ok
	azs_check "certstore: a wrong key password is EINVAL" svc_is $full cert-wrong-password EINVAL
	azs_check "certstore: a key that isn't the certificate's is EINVAL" \
		svc_is $full cert-key-of-another EINVAL
	azs_check "certstore: a non-certificate is EINVAL" svc_is $full cert-not-a-certificate EINVAL
	azs_check "certstore: an identifier with a path is EINVAL" \
		svc_is $full cert-path-identifier EINVAL
	azs_check "certstore: a 17+ character identifier is ERANGE" \
		svc_is $full cert-long-identifier ERANGE
	azs_check "certstore: two certificates" svc_is $full cert-count "ok 2"
	azs_check "certstore: listed by identifier" svc_is $full cert-id-0 "ok client"
	azs_check "certstore: past the end is ERANGE" svc_is $full cert-id-2 ERANGE
	azs_check "certstore: the client's subject" \
		svc_is $full cert-subject "ok /C=US/O=azsphere-linux/CN=test-device"
	azs_check "certstore: the client's issuer is the CA" \
		svc_is $full cert-issuer "ok /C=US/O=azsphere-linux/CN=Test Root CA"
	azs_check "certstore: validity dates (365 days apart)" svc_is $full cert-validity-days "ok 365"
	azs_check "certstore: move" svc_is $full cert-move ok
	azs_check "certstore: the old identifier is gone" svc_is $full cert-moved-away ENOENT
	azs_check "certstore: delete" svc_is $full cert-delete ok
	azs_check "certstore: deleting again is ENOENT" svc_is $full cert-delete-again ENOENT
	azs_check "certstore: the stored CA uses space" svc_is $full cert-space-after "ok less"
	azs_check "certstore: on the flash, root's only, nothing outside the store" \
		test "$(stat -c %a:%u /mnt/flash/azsphere/certstore/root-ca.pem):$(ls -a /mnt/flash/azsphere/certstore | tr '\n' ' ')" = "600:0:. .. root-ca.pem "
	azs_check "applications: total memory from the runtime" \
		sh -c "svc() { azs-appctl logs $full | grep -m1 \"^svc \$1: \"; }; svc memory-total | grep -Eq 'ok [1-9][0-9]*$'"
	azs_check "power: no cpufreq here, EOPNOTSUPP" svc_is $full power-profile EOPNOTSUPP
	azs_check "power: a 0 s power-down is EINVAL" svc_is $full power-down-zero EINVAL
	azs_check "rtc: the system time goes to the RTC" svc_is $full rtc ok
	azs_check "sysevent: registration" svc_is $full sysevent-register ok
	azs_check "sysevent: nothing pending to defer, EINVAL" svc_is $full sysevent-defer EINVAL
	azs_check "sysevent: unregistration" svc_is $full sysevent-unregister ok

	azs_check "an app without capabilities installs" azs-appctl install $img/rtnone
	azs_check "it runs through its services" azs_wait_for 15 done_with $none sysevent-register
	azs_check "networking: not ready (wlan0 has no network)" svc_is $none net-ready "ok not-ready"
	azs_check "networking: only the device's wlan0" svc_is $none net-interfaces "ok 1 wlan0"
	azs_check "networking: no eth0" svc_is $none net-status ENOENT
	azs_check "networking: SetInterfaceState without NetworkConfig is EACCES" \
		svc_is $none wlan0-disable EACCES
	azs_check "networking: ReleaseIp too" svc_is $none wlan0-release EACCES
	azs_check "networking: RenewIp too" svc_is $none wlan0-renew EACCES
	azs_check "networking: EACCES comes before ENOENT" svc_is $none nope-enable EACCES
	azs_check "time sync: GetEnabled without TimeSyncConfig is EACCES" svc_is $none timesync-get EACCES
	azs_check "time sync: SetEnabled too" svc_is $none timesync-disable EACCES
	azs_check "wlan0 is still down: the refused calls changed nothing" \
		sh -c '[ $(($(cat /sys/class/net/wlan0/flags) & 1)) -eq 0 ]'
	azs_check "wifi: EACCES" svc_is $none wifi-add EACCES
	azs_check "wifi: listing too" svc_is $none wifi-list EACCES
	azs_check "wifi: scanning too" svc_is $none wifi-scan EACCES
	azs_check "wifi: persisting too" svc_is $none wifi-persist EACCES
	azs_check "wifi: even counting is EACCES" svc_is $none wifi-count-at-start EACCES
	azs_check "certstore: EACCES" svc_is $none cert-count-at-start EACCES
	azs_check "certstore: installing too" svc_is $none cert-install-root EACCES
	azs_check "power profile: EACCES" svc_is $none power-profile EACCES
	azs_check "rtc: EACCES" svc_is $none rtc EACCES
	azs_check "sysevent: EACCES" svc_is $none sysevent-register EACCES
	azs_check "sysevent deferral: EACCES" svc_is $none sysevent-defer EACCES

	azs_check "an app sending malformed packets installs" azs-appctl install $img/rtgarbage
	azs_check "each malformed packet is answered with an error" \
		azs_wait_for 15 sh -c "azs-appctl logs $garbage | grep -q 'svc garbage-refused: 3 of 3'"
	azs_check "the runtime names what was wrong" \
		sh -c "azs-appctl logs $garbage | grep -q 'runtime: refused a request: op 10: payload is 3 bytes, expected 80'"
	azs_check "... and the version" \
		sh -c "azs-appctl logs $garbage | grep -q 'refused a request: protocol version 9'"
	azs_check "... and the size" \
		sh -c "azs-appctl logs $garbage | grep -q 'refused a request: 20481 bytes: longer than 20480'"
	azs_check "the channel still serves the app afterwards" \
		sh -c "azs-appctl logs $garbage | grep -q '^svc net-count: ok 1'"
	azs_check "the app was not harmed" test "$(azs_app_field $garbage state)" = running

	azs-appctl logs $full | grep -v ' tick ' | sed 's/^/# [rtfull] /'
	azs_check "an app that may reboot the device installs" azs-appctl install $img/rtreboot
	# It asks once (its mutable storage remembers): the device reboots.
	sleep 60
	echo "not ok - the device did not reboot"
else
	azs_check "the app's reboot request rebooted the device" test "$boot" -eq $(($(cat /mnt/flash/runtime-suite) + 1))
	# What the apps applied before the reboot, re-applied by the daemon at its start.
	azs_check "networking: wlan0 is still disabled" \
		sh -c '[ $(($(cat /sys/class/net/wlan0/flags) & 1)) -eq 0 ]'
	# (The rtfull app runs its calls again in this boot, its static address
	# among them, which drops and re-adds it: wait out that moment.)
	azs_check "networking: its static address, from the flash at start" \
		azs_wait_for 10 sh -c "grep -q 'wlan0: the stored static address 10.99.0.7/24' /tmp/appmand.log &&
			ip -4 addr show dev wlan0 | grep -q 'inet 10.99.0.7/24'"
	azs_check "networking: ... and its DNS server" grep -qx 'nameserver 10.99.0.1' /etc/resolv.conf
	azs_check "networking: the proxy, from the flash at start" \
		grep -q 'the stored proxy: enabled, proxy.test' /tmp/appmand.log
	azs_check "the app asks only once" azs_wait_for 15 sh -c "azs-appctl logs $reboot | grep -q 'svc reboot: already done'"
	azs_check "power-down without its capability is EACCES" \
		azs_wait_for 5 sh -c "azs-appctl logs $reboot | grep -q '^svc power-down-without-capability: EACCES'"
	azs_check "wifi: the persisted network survived the reboot" \
		azs_wait_for 15 svc_is $full wifi-count-at-start "ok 1"

	# A damaged Wi-Fi store (a null where the SSID goes): the daemon starts,
	# names the problem, refuses Wi-Fi requests and leaves the file alone.
	wifi=/mnt/flash/azsphere/wifi-networks.json
	daemon=$(cat /tmp/appmand.pid)
	kill "$daemon"
	azs_wait_for 10 sh -c "! kill -0 $daemon"
	sed 's/"ssid":"[0-9a-f]*"/"ssid":null/' $wifi > /tmp/wifi-bad.json
	cat /tmp/wifi-bad.json > $wifi
	# ... and a damaged IP configuration and proxy (cut short).
	for f in wlan0.ipconfig proxy.conf; do
		head -c 20 /mnt/flash/azsphere/$f > /tmp/$f && cat /tmp/$f > /mnt/flash/azsphere/$f
	done
	sync
	echo "# damaged store: $(sed 's/"psk":"[0-9a-f]*"/"psk":"..."/' $wifi)"
	azs_check "with a damaged Wi-Fi store the daemon starts" azs_start_appmand
	azs_check "... and keeps running" sh -c "sleep 2; kill -0 $(cat /tmp/appmand.pid)"
	azs_check "... naming what is wrong" \
		grep -q "the Wi-Fi store .* is refused: .*ssid.*null" /tmp/appmand.log
	azs_check "... the apps run" azs_wait_for 10 sh -c "azs-appctl list | grep -q running"
	azs_check "... Wi-Fi requests fail (EIO), nothing is reset to empty" \
		azs_wait_for 15 sh -c "azs-appctl logs $full | grep -q '^svc wifi-count-at-start: EIO'"
	azs_check "... and the file is left as it was" cmp /tmp/wifi-bad.json $wifi
	azs_check "a damaged wlan0 IP configuration is named and refused: wlan0 stays down, unconfigured" \
		grep -q 'azsphere/wlan0.ipconfig is refused (.*): wlan0 stays down, unconfigured' /tmp/appmand.log
	azs_check "a damaged proxy is named and refused: none is set" \
		grep -q 'azsphere/proxy.conf is refused (.*): no proxy is set' /tmp/appmand.log
	azs-appctl logs $reboot | grep -v ' tick ' | sed 's/^/# [rtreboot] /'
	azs_check "no kernel warnings" azs_check_dmesg
fi
