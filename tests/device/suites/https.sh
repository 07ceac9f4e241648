# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 23
# libcurl and wolfSSL for apps (docs/sdk.md): the https-curl sample, built
# against the SDK and linked with the platform's shared libraries, fetches a
# page over HTTPS from a TLS test host inside the device (a network namespace
# + veth running Debian's openssl s_server, which demands a client
# certificate issued by the Security Service's device CA), presenting the
# device's certificate (DeviceAuth_CurlSslFunc), and is refused by a host not
# in its AllowedConnections. Judged on the test hosts, not just the app's log.
# The host side (https.host) enables development and has the build's Security
# Service deliver the device's client certificate (and tries ones the device
# must refuse).
. /etc/azs/lib.sh
pkgs=/usr/share/azsphere/samples
tls=/usr/lib/azs-tests/tls
app=5a1c0f6e-93d2-4e0b-9f27-0c6b8e4d7a31
cert=/mnt/flash/azsphere/deviceauth/client.pem
ca=/usr/share/azsphere/deviceauth-ca.pem
key=/mnt/flash/azsphere/deviceauth/key.pem

logs_have() { azs-appctl logs "$1" | grep -q "$2"; }
has_dev_capability() { azs-secctl capabilities | grep -qx 11; }
installs() { azs-appctl install "$pkgs/$1.imagepackage" | grep -q '"ok":true'; }
# The TLS server of test host N on port 4433: serves /tmp/tls$N/page.html
# only to a client with a certificate of the device CA; its log /tmp/tls$N.log.
tls_server() {
	mkdir -p /tmp/tls$1 && echo "$2" > /tmp/tls$1/page.html
	(cd /tmp/tls$1 && azs_on_test_host "$1" openssl s_server -accept 4433 -WWW -naccept 100 \
		-cert $tls/server.pem -key $tls/server.key -Verify 1 -verify_return_error \
		-CAfile "$ca" > /tmp/tls$1.log 2>&1 &)
	azs_wait_for 5 grep -q ACCEPT /tmp/tls$1.log
}
# A GET of page.html from test host N with openssl s_client and optional client certificate.
fetch() {
	printf 'GET /page.html HTTP/1.0\r\n\r\n' |
		openssl s_client -quiet -connect "10.77.$1.2:4433" -servername tls.test \
			${2:+-cert "$2"} 2>/dev/null
}
no_page_without_cert() { ! fetch 1 | grep -q "$token1"; }
page_with_cert() { fetch 1 $cert | grep -q "$token1"; }
# The app's libraries: from /lib, none of their mappings writable and executable.
libs_mapped() {
	# The app is the child of the sandbox's pid 1 (the reaper), whose pid appctl lists.
	pid=$(azs_app_field $app pid)
	m=/proc/$(cat /proc/$pid/task/$pid/children | cut -d' ' -f1)/maps
	grep ' /lib/libcurl.so' "$m" | grep -q r-xp && grep -q ' /lib/libwolfssl.so' "$m" &&
		grep -q ' /lib/ld-musl' "$m" && ! grep ' /lib/' "$m" | grep -q 'wxp'
}
# memory.max: the platform's limit, as every app gets it, plus the platform's
# allowances (docs/sandbox.md): the sandbox's fixed kernel memory and the
# libraries' writable pages and page tables (docs/sdk.md). The app's peak stayed
# under it, no OOM kill, still running.
within_limit() {
	max=$(cat $cg/memory.max) peak=$(cat $cg/memory.peak)
	[ "$max" -gt 262144 ] && [ "$max" -le $((262144 + 131072 + 131072)) ] &&
		[ "$peak" -le "$max" ] &&
		grep -q '^oom_kill 0' $cg/memory.events && [ "$(azs_app_field $app state)" = running ]
}
# The largest memory.current of the app's cgroup while it runs, with its
# memory.stat then, in /tmp/mempeak (what the numbers in docs/sdk.md come from).
sample_memory() {
	best=0
	azs_wait_for 30 test -d $cg || return 0
	end=$(($(date +%s) + 30))
	while [ "$(date +%s)" -lt "$end" ] && c=$(cat $cg/memory.current 2> /dev/null); do
		if [ "$c" -gt "$best" ]; then
			best=$c
			echo "current $c $(grep -E '^(anon|file|kernel|kernel_stack|pagetables|sock|slab|percpu|sec_pagetables) ' \
				$cg/memory.stat | tr '\n' ' ')" > /tmp/mempeak.tmp && mv /tmp/mempeak.tmp /tmp/mempeak
		fi
	done
}
cg=/sys/fs/cgroup/azsphere/$app
# The sandbox's fixed kernel memory, given to every app (APP_KERNEL_ALLOWANCE,
# docs/sandbox.md): an empty static app's cgroup holds no more kernel memory.
ticker=11111111-2222-4333-8444-000000000001
kernel_allowance=$((128 * 1024))
kernel_of() { sed -n 's/^kernel //p' /sys/fs/cgroup/azsphere/$1/memory.stat; }
ticker_within_allowance() {
	azs_wait_for 10 sh -c "azs-appctl logs $ticker | grep -q 'tick 5'" &&
		[ "$(kernel_of $ticker)" -le $kernel_allowance ]
}

echo "TAP version 13"
# The app gets the platform's limit, as every other app does.
# Networking is ready only after a time sync: an NTP server on the loopback
# answers for the default name (the device's own clock, no offset).
echo "127.0.0.1 prod.time.sphere.azure.net" >> /etc/hosts
ip link set lo up
/usr/lib/azs-tests/ntp-responder 127.0.0.1 0 > /tmp/ntp.log 2>&1 &
azs_check "the application manager starts" azs_start_appmand
azs_start_gatewayd
azs_check "the host enables development (azsphere device enable-development)" azs_wait_for 120 has_dev_capability

# The device's client certificate: its key made on the device (0600 in a 0700
# directory), the certificate the host's Security Service issued for the
# device's certificate request, stored by the application manager.
id=$(cat /sys/kernel/azsphere_secmon/device_id)
azs_check "the Security Service's certificate arrives from the host" azs_wait_for 120 test -s $cert
azs_check "... its subject is the device ID" \
	sh -c "openssl x509 -in $cert -noout -subject | grep -qi 'CN *= *$id\$'"
azs_check "... issued by the device CA the image trusts" openssl verify -CAfile "$ca" $cert
azs_check "... and only for client authentication" \
	sh -c "openssl x509 -in $cert -noout -ext extendedKeyUsage | grep -q 'TLS Web Client Authentication'"
same_key() {
	[ "$(openssl x509 -in $cert -noout -pubkey)" = "$(openssl pkey -in $key -pubout)" ] &&
		[ "$(stat -c %a $key)" = 600 ] && [ "$(stat -c %a "$(dirname $key)")" = 700 ]
}
azs_check "... for the key made on the device (key.pem 0600, its directory 0700)" same_key

# The test hosts: tls.test (allowed) and 10.77.2.2 (not in AllowedConnections).
token1=page-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
token2=page-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
azs_check "test host 1 (tls.test) is up" azs_test_host 1
azs_check "test host 2 is up" azs_test_host 2
echo "10.77.1.2 tls.test" >> /etc/hosts
azs_check "test host 1 serves TLS on 4433" tls_server 1 "$token1"
azs_check "test host 2 serves TLS on 4433" tls_server 2 "$token2"
azs_check "a client without a certificate gets no page from test host 1" no_page_without_cert
azs_check "a client with the device's certificate gets it" page_with_cert

sample_memory &
sampler=$!
azs_check "https-curl installs from its SDK-signed package" installs https-curl
azs_check "... it fetches the page from tls.test over HTTPS with the device's certificate" \
	azs_wait_for 30 logs_have $app "GET https://tls.test:4433/page.html: HTTP 200, body: $token1"
azs-appctl logs $app | tail -n 12 | sed "s/^/# [https-curl] /"
sed "s/^/# [tls.test] /" /tmp/tls1.log | tail -n 12
dmesg | grep -A40 "invoked oom-killer" | grep -E "invoked|^.{15}(anon|file|kernel|kernel_stack|pagetables) " | head -8 | sed "s/^/# oom: /"
azs_check "... test host 1 saw the device's certificate (its ID as subject)" \
	azs_wait_for 5 sh -c "grep -c -i 'depth=0 CN *= *$id' /tmp/tls1.log | grep -q '^[2-9]'"
azs_check "... the host not in AllowedConnections refused it" \
	azs_wait_for 15 logs_have $app "GET https://10.77.2.2:4433/page.html: failed: Couldn't connect to server"
azs_check "... and test host 2 saw no TLS client from the app" sh -c "! grep -q 'depth=' /tmp/tls2.log"
azs_check "libcurl, wolfSSL and musl's loader are mapped from /lib, none writable and executable" \
	libs_mapped
kill $sampler 2> /dev/null
echo "# memory.peak $(cat $cg/memory.peak) of memory.max $(cat $cg/memory.max); at the peak seen: $(cat /tmp/mempeak 2> /dev/null)"
echo "# now: $(grep -E '^(anon|file|kernel|kernel_stack|pagetables|sock|slab|percpu) ' $cg/memory.stat | tr '\n' ' ')"
grep -E '^(Rss|Pss_Anon|Pss_File|Anonymous|Private_Dirty)' /proc/$(cat /proc/$(azs_app_field $app pid)/task/*/children | cut -d' ' -f1)/smaps_rollup | tr '\n' ' ' | sed 's/^/# smaps_rollup: /;s/$/\n/'
# What the platform's libraries charge the app now (docs/sdk.md, Memory): the
# anonymous (copied on write) pages of their mappings, against the allowance
# for them. (Private_Dirty would count the initramfs's own pages of the files.)
apid=$(cat /proc/$(azs_app_field $app pid)/task/*/children | cut -d' ' -f1)
awk '/^[0-9a-f]+-[0-9a-f]+ / { lib = ($6 ~ /^\/lib\//) } lib && /^Anonymous:/ { kb += $2 }
	END { print "# libraries'"'"' anonymous pages: " kb " kB" }' /proc/$apid/smaps
azs_check "... it ran within the platform's memory.max (256 KiB + the sandbox's and the libraries' allowances), its peak under it" \
	within_limit

azs_check "an empty static app (ticker) installs" azs-appctl install /usr/lib/azs-tests/images/ticker
echo "# ticker: $(grep -E '^(anon|file|kernel|kernel_stack|pagetables|sock|slab|percpu) ' /sys/fs/cgroup/azsphere/$ticker/memory.stat | tr '\n' ' ')"
azs_check "... its sandbox's kernel memory is within every app's kernel allowance (128 KiB)" \
	ticker_within_allowance
echo "# ticker: $(grep -E '^(anon|file|kernel|kernel_stack|pagetables|sock|slab|percpu) ' /sys/fs/cgroup/azsphere/$ticker/memory.stat | tr '\n' ' ')"
azs_check "no kernel warnings" azs_check_dmesg
