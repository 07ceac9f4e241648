# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 11
# The device CLI over the host channel (the host side is cli.host): the
# seed's gating rules, driven from the host. Without appDevelopment the
# device refuses SDK-signed packages and starting, stopping or deleting
# apps, and accepts production-signed packages; a capability file issued by
# the Security Service for this device enables development, after which SDK
# packages sideload and apps can be stopped. Then the host stops the
# SDK-signed app and drops appDevelopment (enable-cloud-test): trust is
# decided again at every start, so it no longer starts, saying why, while the
# production-signed app still does. The host also delivers a cloud
# deployment early (image list-targeted) and scans the simulated radio.
. /etc/azs/lib.sh
pkg=11111111-2222-4333-8444-000000000020
sdk=11111111-2222-4333-8444-000000000021
state_is() { [ "$(azs_app_field "$1" state)" = "$2" ]; }
installed() { azs-appctl list | grep -q "\"cid\":\"$1\""; }
has_dev() { azs-secctl capabilities | grep -qx 11; }
dropped() { state_is $sdk stopped && ! has_dev; }

# What the simulated radio sees, for "azsphere device wifi scan" (wifi.c's
# format; PID 0: no access point behind the line, nothing joins).
mkdir -p /run/azsphere/radio
printf '%s\n' 'azs-radio-1 02:00:00:00:00:01 wpa2 2437 -48 0 radiopass1' \
	'azs-radio-2 02:00:00:00:00:02 open 5180 -71 0 -' > /run/azsphere/radio/aps

echo "TAP version 13"
azs_check "the application manager starts" azs_start_appmand
azs_start_gatewayd
# The host sideloads the SDK-signed app once development is on, stops it and
# drops appDevelopment again.
azs_check "the host sideloaded the SDK-signed app" azs_wait_for 390 installed $sdk
azs_check "the production-signed app was stopped from the host" state_is $pkg stopped
azs_check "the host stopped the SDK-signed app and dropped appDevelopment" azs_wait_for 60 dropped
out=$(azs-appctl start $sdk)
echo "# start: $out"
azs_check "without appDevelopment the SDK-signed app no longer starts" \
	sh -c "echo '$out' | grep -q '\"ok\":false'"
azs_check "... naming why" sh -c "echo '$out' | grep -q 'SDK-signed: the device trusts SDK-signed packages only with the appDevelopment capability'"
azs_check "... it does not run" sh -c "! azs-appctl list | tr '{' '\n' | grep '\"cid\":\"$sdk\"' | grep -q running"
azs_check "... and its package is no longer mounted" sh -c "! grep -q ' /run/azsphere/images/$sdk ' /proc/mounts"
azs_check "the production-signed app still starts" azs-appctl start $pkg
azs_check "... and runs" azs_wait_for 10 state_is $pkg running
echo "1..$azs_tap_n"
azs_check_dmesg
