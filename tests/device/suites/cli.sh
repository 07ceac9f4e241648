# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 5
# The device CLI over the host channel (the host side is cli.host): the
# seed's gating rules, driven from the host. Without appDevelopment the
# device refuses SDK-signed packages and starting, stopping or deleting
# apps, and accepts production-signed packages; a capability file issued by
# the Security Service for this device enables development, after which SDK
# packages sideload and apps can be stopped.
. /etc/azs/lib.sh
pkg=11111111-2222-4333-8444-000000000020
sdk=11111111-2222-4333-8444-000000000021
state_is() { [ "$(azs_app_field "$1" state)" = "$2" ]; }

echo "TAP version 13"
azs_check "the application manager starts" azs_start_appmand
azs_start_gatewayd
# The host's last step sideloads the SDK-signed app once development is on.
azs_check "the host drove the device to the end" azs_wait_for 200 state_is $sdk running
azs_check "the production-signed app was stopped from the host" state_is $pkg stopped
azs_check "the device has appDevelopment now" sh -c "azs-secctl capabilities | grep -qx 11"
echo "1..$azs_tap_n"
azs_check_dmesg
