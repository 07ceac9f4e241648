# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 51
# The sample apps as an app developer ships them: built against the SDK
# (musl sysroot, hardware definitions resolved) into SDK-signed image
# packages, sideloaded once development is enabled (the host side, sdk.host,
# runs `azsphere device enable-development`), each run by the application
# manager in its sandbox and judged by what the simulated board saw. Each
# sample is removed again before the next: some share peripherals.
. /etc/azs/lib.sh
pkgs=/usr/share/azsphere/samples
board=/sys/kernel/debug/azsphere-board
hello=5a0e2c1b-6d3f-4e8a-9b7c-1d2e3f4a5b50
blink=1689d8b2-c835-2e27-27ad-e894d6d15fa9
uart=3e7a5c1d-8b2f-4a6e-9d0c-5f1b2a3c4d51
i2c=7c2e9f40-1a3b-4c5d-8e6f-0a1b2c3d4e52
spi=9d4f1b62-3c5d-4e7f-a081-2c3d4e5f6a53
pwm=b16e3d84-5e7f-4091-b2a3-4e5f6a7b8c54
adc=d38a5fa6-7091-42b3-84d5-6a7b8c9d0e55
http=e2b7c9d1-4f3a-4b6c-8d2e-9f0a1b2c3d56

state_is() { [ "$(azs_app_field "$1" state)" = "$2" ]; }
logs_have() { azs-appctl logs "$1" | grep -q "$2"; }
refused_with() { out=$(azs-appctl install "$1"); echo "$out"; case "$out" in *'"ok":false'*"$2"*) return 0 ;; esac; return 1; }
has_dev_capability() { azs-secctl capabilities | grep -qx 11; }
owned_by() { [ "$(azs-fwctl query "$2" "$3" | sed -n 's/.*owner \([a-z0-9]*\).*/\1/p')" = "$(azs_app_field "$1" uid)" ]; }
gone() { ! azs-appctl list | grep -q "$1"; }
installs() { azs-appctl install "$pkgs/$1.imagepackage" | grep -q '"ok":true'; }
removes() { azs-appctl remove "$1" > /dev/null && gone "$1"; }
toggles() {
	n=0 last= i=0
	while [ $i -lt $(($1 * 20)) ]; do
		now=$(grep led1_red $board/gpio/leds)
		[ -n "$last" ] && [ "$now" != "$last" ] && n=$((n + 1))
		last=$now
		sleep 0.05
		i=$((i + 1))
	done
	echo $n
}
show_log() { azs-appctl logs "$1" | tail -n 8 | sed "s/^/# [$2] /"; }

echo "TAP version 13"
# The default NTP name on the loopback, where an NTP server starts only once
# http-get has seen networking not ready (no time sync yet).
echo "127.0.0.1 prod.time.sphere.azure.net" >> /etc/hosts
azs_check "the application manager starts" azs_start_appmand
azs_start_gatewayd
azs_check "an SDK-signed sample is refused before development is enabled" \
	refused_with $pkgs/hello-world.imagepackage appDevelopment
azs_check "the host enables development (azsphere device enable-development)" azs_wait_for 120 has_dev_capability

azs_check "hello-world installs from its SDK-signed package" installs hello-world
azs_check "... runs in its sandbox from the package's squashfs" \
	azs_wait_for 10 grep -q " /run/azsphere/images/$hello squashfs ro," /proc/mounts
azs_check "... and says hello" azs_wait_for 10 logs_have $hello "Hello from an Azure Sphere app on"
show_log $hello hello-world
azs_check "... and is removed" removes $hello

azs_check "blink installs" installs blink
azs_check "... runs" azs_wait_for 10 state_is $blink running
azs_check "... its \$MT3620_RDB_LED1_RED resolved: GPIO 8 is its own" owned_by $blink gpio 8
azs_check "... and \$MT3620_RDB_BUTTON_A: GPIO 12" owned_by $blink gpio 12
azs_check "... it starts at 500 ms" azs_wait_for 10 logs_have $blink "Blink interval: 500 ms"
n=$(toggles 3)
echo "# LED1 red changed $n times in 3 s"
azs_check "LED1 red blinks on the board" test "$n" -ge 3
echo press > $board/gpio/button_a
sleep 0.3
echo release > $board/gpio/button_a
azs_check "button A changes the rate" azs_wait_for 5 logs_have $blink "Blink interval: 250 ms"
azs_check "... blink is removed" removes $blink

echo 1 > $board/uart/isu0/loopback
azs_check "uart-loopback installs" installs uart-loopback
azs_check "... ISU0 (\$MT3620_RDB_HEADER2_ISU0_UART) is its own" owned_by $uart uart 0
azs_check "... its line comes back through the loopback" \
	azs_wait_for 10 logs_have $uart "UART received 26 bytes: 'Hello from the UART sample'"
azs_check "... and the board's ISU0 sent it" grep -q "Hello from the UART sample" $board/uart/isu0/tx
show_log $uart uart-loopback
azs_check "... uart-loopback is removed" removes $uart

azs_check "i2c-accel installs" installs i2c-accel
azs_check "... ISU2 as I2C is its own" owned_by $i2c i2c 2
azs_check "... it reads the accelerometer's WHO_AM_I" azs_wait_for 10 logs_have $i2c "WHO_AM_I=0x69"
azs_check "... and its samples" azs_wait_for 10 logs_have $i2c "acceleration \[g\]"
show_log $i2c i2c-accel
azs_check "... i2c-accel is removed" removes $i2c

azs_check "spi-accel installs" installs spi-accel
azs_check "... ISU1 as SPI is its own" owned_by $spi spi 1
azs_check "... it reads the accelerometer's WHO_AM_I" azs_wait_for 10 logs_have $spi "WHO_AM_I=0x69"
azs_check "... and its samples" azs_wait_for 10 logs_have $spi "acceleration \[g\]"
show_log $spi spi-accel
azs_check "... spi-accel is removed" removes $spi

# PWM and ADC live in sysfs: the sandbox mounts just the granted controller's
# directory under /sys (docs/sandbox.md).
azs_check "pwm-dim installs" installs pwm-dim
azs_check "... PWM controller 2 is its own" owned_by $pwm pwm 2
azs_check "... it dims LED1 red up to 100 %" \
	azs_wait_for 15 logs_have $pwm "LED1 red brightness 100 %"
azs_check "... and the board's LED1 red is at 100" grep -q "led1_red 100" $board/pwm/leds
azs_check "... without an error on the way" \
	sh -c "azs-appctl logs $pwm | grep -q 'ERROR' && exit 1; exit 0"
show_log $pwm pwm-dim
azs_check "... pwm-dim is removed" removes $pwm
echo 1250 > $board/adc/ch1
azs_check "adc-read installs" installs adc-read
azs_check "... ADC controller 0 is its own" owned_by $adc adc 0
azs_check "... it reads the voltage set on the board" \
	azs_wait_for 15 logs_have $adc "sample 2048 of 12 bits, 1250 mV"
show_log $adc adc-read
azs_check "... adc-read is removed" removes $adc
# http-get against test hosts built here (network namespaces + veth; nothing
# leaves the device): allowed.test is in its AllowedConnections, denied.test
# is not.
azs_check "test host allowed.test is up" azs_test_host 1
azs_check "test host denied.test is up" azs_test_host 2
printf '10.77.1.2 allowed.test\n10.77.2.2 denied.test\n' >> /etc/hosts
azs_check "http-get installs" installs http-get
azs_check "... networking is not ready before the first time sync" \
	azs_wait_for 20 logs_have $http "ERROR: networking is not ready"
ip link set lo up
/usr/lib/azs-tests/ntp-responder 127.0.0.1 0 > /tmp/ntp.log 2>&1 &
azs_check "the time-sync service synchronises with the default server" \
	azs_wait_for 60 grep -q '^prod.time.sphere.azure.net ' /run/azsphere/net/timesync-last
azs_check "... networking is ready for it (after the sync)" \
	azs_wait_for 40 logs_have $http "INFO: networking is ready"
azs_check "... its GET of the allowed host gets 200 and the page" \
	azs_wait_for 15 logs_have $http "GET http://allowed.test/: HTTP/1.1 200 OK, body: test host 1"
azs_check "... the host it was not granted doesn't resolve" \
	azs_wait_for 15 logs_have $http "GET http://denied.test/: failed: cannot resolve denied.test"
azs_check "... and by address the same request is refused" \
	azs_wait_for 15 logs_have $http "GET http://10.77.2.2/: failed: connect: Host is unreachable"
show_log $http http-get
azs_check "... http-get is removed" removes $http
echo "1..$azs_tap_n"
azs_check_dmesg
