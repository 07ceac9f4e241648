# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 22
# System events around a cloud update: an app subscribed to them hears of the
# update first (UpdateReadyForInstall, Pending), defers it, and resumes it;
# the update is applied only then (UpdateStarted, Final); the same deployment
# again changes nothing (NoUpdateAvailable). The deployment is applied the
# way azs-gatewayd applies a delivered one (azs-appctl cloud-update).
. /etc/azs/lib.sh
pkgs=/usr/lib/azs-tests/packages
dep=/usr/lib/azs-tests/deployments/deferrer-pkgticker
deferrer=11111111-2222-4333-8444-000000000034
ticker=11111111-2222-4333-8444-000000000020

logs_have() { azs-appctl logs "$1" | grep -q "$2"; }
installed() { azs-appctl list | grep -q "\"cid\":\"$1\""; }
update() { azs-appctl cloud-update $dep | tee /tmp/update.out | grep -q "$1"; }

echo "TAP version 13"
azs_check "the application manager starts" azs_start_appmand
azs_check "the deferrer app installs (production-signed)" azs-appctl install $pkgs/deferrer-prod.azsp
azs_check "it subscribes to system events" azs_wait_for 10 logs_have $deferrer "svc register: ok"
azs_check "a cloud update is first announced, not applied" update '"pending":true'
azs_check "... and pkgticker is not installed yet" sh -c "! azs-appctl list | grep -q $ticker"
azs_check "the app hears UpdateReadyForInstall, Pending, an app update, 1440 min" \
	azs_wait_for 5 logs_have $deferrer "svc event: 0x1 status 1 type 1 max 1440"
azs_check "it defers the update" azs_wait_for 5 logs_have $deferrer "svc defer: ok"
sleep 2
azs_check "delivered again, the update is deferred" update '"deferred":true'
azs_check "... with the time left" grep -q '"retryAfterSeconds":[1-6][0-9]' /tmp/update.out
azs_check "... and nothing changed" sh -c "! azs-appctl list | grep -q $ticker"
azs_check "the app resumes the update" azs_wait_for 10 logs_have $deferrer "svc resume: ok"
azs_check "delivered again, it is applied" update '"applied":true'
cp /tmp/update.out /tmp/applied.out
azs_check "... pkgticker is installed" installed $ticker
azs_check "... and the app heard UpdateStarted, Final" \
	azs_wait_for 5 logs_have $deferrer "svc event: 0x2 status 2 type 1"
azs_check "the same deployment again changes nothing" update '"unchanged":\["11111111-2222-4333-8444-000000000034","11111111-2222-4333-8444-000000000020"\]'
azs_check "... and the app heard NoUpdateAvailable" \
	azs_wait_for 5 logs_have $deferrer "svc event: 0x4 status 2"
azs_check "an older deployment, validly signed, is refused as a rollback" \
	sh -c "azs-appctl cloud-update /usr/lib/azs-tests/deployments/older | tee /tmp/update.out | grep -q 'rollback: sequence [0-9]* is older than the applied'"
azs_check "... and nothing changed (pkgticker stays)" installed $ticker
azs_check "the applied deployment is recorded on the flash" \
	grep -q "^[0-9][0-9]* $(sed -n 's/.*"deployment":"\([^"]*\)".*/\1/p' /tmp/applied.out)\$" /mnt/flash/azsphere/deployment-applied
azs_check "the security monitor's anti-rollback counter holds its sequence" \
	test "$(azs-secctl update-counter)" = "$(cut -d' ' -f1 /mnt/flash/azsphere/deployment-applied)"
azs_check "... and a forged lower record on the data flash lets nothing older in" \
	sh -c "echo '1 00000000-0000-4000-8000-000000000000' > /mnt/flash/azsphere/deployment-applied &&
		azs-appctl cloud-update /usr/lib/azs-tests/deployments/older | grep -q 'rollback'"
azs-appctl logs $deferrer | grep -v ' tick ' | sed 's/^/# [deferrer] /'
azs_check "no kernel warnings" azs_check_dmesg
