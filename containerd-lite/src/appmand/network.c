// SPDX-License-Identifier: MIT
/*
 * Network capabilities (docs/network.md): an app with AllowedConnections or
 * server ports gets a veth link of its own (the sandbox makes it), a
 * /etc/hosts with exactly the names it was granted as resolved here from the
 * device's hosts file, and its rules in the device's nftables table, which
 * is rendered from every running network app and replaced atomically each
 * time one starts or ends. If the rules cannot be applied, the app does not
 * start: fail closed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "network.h"
#include "resolver.h"
#include "util.h"
#include "config.h"
#include "dns.h"
#include "net_plan.h"
#include "net_rules.h"

#define NFT_PATH  "/usr/sbin/nft"
#define RULES_MAX (64 * 1024)

extern char **environ;

bool network_wanted(const struct app *a)
{
	const struct azs_manifest_caps *c = &a->manifest.caps;

	return c->n_allowed_connections || c->n_tcp_server_ports || c->n_udp_server_ports;
}

/* Run `nft -f -` on TEXT; its messages go to our stderr. */
static int nft_apply(const char *text, size_t len)
{
	posix_spawn_file_actions_t fa;
	char *const argv[] = {"nft", "-f", "-", NULL};
	int in[2], status, ret;
	pid_t pid;

	if (pipe2(in, O_CLOEXEC))
		return -errno;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	ret = posix_spawn(&pid, NFT_PATH, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	if (ret) {
		close(in[1]);
		return -ret;
	}
	/* A ruleset fits the pipe: no deadlock writing before waiting. */
	if (write(in[1], text, len) != (ssize_t)len)
		ret = -EIO;
	close(in[1]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (!ret && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		ret = -EPROTO;
	return ret;
}

static int apply_all(struct appmand *d)
{
	struct azs_net_app nets[APPMAND_MAX_APPS];
	char *text = malloc(RULES_MAX);
	size_t n = 0;
	int len, ret;

	if (!text)
		return -ENOMEM;
	for (size_t i = 0; i < APPMAND_MAX_APPS; i++) {
		struct app *a = &d->apps[i];

		if (!a->used || !a->net_active)
			continue;
		memset(&nets[n], 0, sizeof(nets[n]));
		azs_net_link_for_uid(a->uid, &nets[n].link);
		nets[n].allowed = a->net_allowed;
		nets[n].n_allowed = a->n_net_allowed;
		nets[n].tcp_ports = a->manifest.caps.tcp_server_ports;
		nets[n].n_tcp = a->manifest.caps.n_tcp_server_ports;
		nets[n].udp_ports = a->manifest.caps.udp_server_ports;
		nets[n].n_udp = a->manifest.caps.n_udp_server_ports;
		n++;
	}
	len = azs_net_rules_render(nets, n, text, RULES_MAX);
	ret = len < 0 ? len : nft_apply(text, (size_t)len);
	free(text);
	return ret;
}

int network_init(struct appmand *d)
{
	int ret;

	/* The device routes between apps' links and its other links; the
	 * table decides what may pass. Rules first, forwarding second. */
	ret = apply_all(d);
	if (!ret)
		ret = appmand_write_text("/proc/sys/net/ipv4/ip_forward", "1");
	d->net_ready = ret == 0;
	if (ret)
		fprintf(stderr,
			"appmand: network: cannot set the packet filter up (%s); apps with "
			"network capabilities will not start\n",
			strerror(-ret));
	return ret;
}

/* Resolve the app's AllowedConnections; fill HOSTS with the app's /etc/hosts. */
static void resolve(struct app *a, char *hosts, size_t size)
{
	struct resolver r;
	size_t used;

	resolver_open(&r);
	a->n_net_allowed = 0;
	used = (size_t)snprintf(hosts, size, "127.0.0.1\tlocalhost\n");
	for (size_t i = 0; i < a->manifest.caps.n_allowed_connections; i++) {
		const char *name = a->manifest.caps.allowed_connections[i];
		size_t room = AZS_MANIFEST_MAX_CONNECTIONS - a->n_net_allowed, got = 0;
		uint32_t addrs[AZS_DNS_MAX_ADDR];
		int ret;

		ret = resolver_lookup(&r, name, addrs,
				      room < AZS_DNS_MAX_ADDR ? room : AZS_DNS_MAX_ADDR, &got);
		if (ret) {
			app_log(a, "network: cannot resolve %s (%s): connections to it will fail",
				name, strerror(-ret));
			continue;
		}
		for (size_t k = 0; k < got; k++) {
			char ip[16];
			int n;

			a->net_allowed[a->n_net_allowed++] = addrs[k];
			azs_ipv4_format(addrs[k], ip, sizeof(ip));
			n = snprintf(hosts + used, size - used, "%s\t%s\n", ip, name);
			if (n > 0 && (size_t)n < size - used)
				used += (size_t)n;
		}
	}
	resolver_close(&r);
}

int network_prepare(struct appmand *d, struct app *a, struct azs_sandbox_config *cfg, char *hosts,
		    size_t size)
{
	struct azs_net_link link;
	int ret;

	cfg->net = AZS_SANDBOX_NET_NONE;
	cfg->hosts = NULL;
	if (!network_wanted(a))
		return 0;
	if (!d->net_ready) {
		app_log(a, "network: the packet filter is not available");
		return -ENETDOWN;
	}
	ret = azs_net_link_for_uid(a->uid, &link);
	if (ret)
		return ret;
	resolve(a, hosts, size);
	a->net_active = true;
	ret = apply_all(d);
	if (ret) {
		a->net_active = false;
		app_log(a, "network: cannot apply the app's rules (%s)", strerror(-ret));
		return ret;
	}
	cfg->net = AZS_SANDBOX_NET_LINK;
	memcpy(cfg->link.host_if, link.host_if, sizeof(cfg->link.host_if));
	snprintf(cfg->link.app_if, sizeof(cfg->link.app_if), "%s", AZS_NET_APP_IFNAME);
	cfg->link.host_addr = link.host_addr;
	cfg->link.app_addr = link.app_addr;
	cfg->link.prefix = link.prefix;
	cfg->hosts = hosts;
	return 0;
}

void network_release(struct appmand *d, struct app *a)
{
	int ret;

	if (!a->net_active)
		return;
	a->net_active = false;
	ret = apply_all(d);
	if (ret)
		app_log(a, "network: cannot remove the app's rules (%s)", strerror(-ret));
}
