// SPDX-License-Identifier: MIT
/*
 * azs-security-service: the Security Service (docs/security-service.md).
 *   init                 create its key store (capability and production keys)
 *   trust-sdk-key        the SDK key uploaded packages must be signed with
 *   issue-capability     sign a device capability file for one device
 *   show-capability      print a capability file's fields
 *   production-sign      re-sign a verified SDK-signed image package for production
 *   deployment create    a signed set of production-signed packages
 *   deployment verify    check a deployment as a device does
 *   deployment deliver   send a deployment to a device as a cloud update
 * Every verb that signs uses the key store --key-store DIR (default:
 * $AZS_SECURITY_SERVICE_KEY_STORE, else the build's). Exit status: 0
 * success, 1 runtime failure or refusal (or a malformed file shown), 2 usage
 * error. A failed verb writes no output file.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cap_names.h"
#include "device_socket.h"
#include "deployment_cmd.h"
#include "file_io.h"
#include "device_cert.h"
#include "issue.h"
#include "key_store.h"
#include "log.h"
#include "production_sign.h"
#include "show.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE   2

static void usage(FILE *out)
{
	fputs("Usage:\n"
	      "  " SS_PROG " init [--key-store DIR] [--exist-ok]\n"
	      "  " SS_PROG " trust-sdk-key [--key-store DIR] --public-key FILE\n"
	      "  " SS_PROG " issue-capability [--key-store DIR] --device-id HEX128\n"
	      "        --capability NAME_OR_NUMBER [--capability ...] --sequence N --out FILE\n"
	      "        [--key-role capability|production]\n"
	      "  " SS_PROG " show-capability FILE\n"
	      "  " SS_PROG " issue-device-certificate [--key-store DIR] --device-id HEX128\n"
	      "        --out FILE [--days N]\n"
	      "  " SS_PROG " device-certificate ca [--key-store DIR] --out FILE\n"
	      "  " SS_PROG " device-certificate sign [--key-store DIR] --csr FILE --out FILE\n"
	      "        [--device-id HEX128] [--days N]\n"
	      "  " SS_PROG " device-certificate deliver [--key-store DIR] [--socket PATH]\n"
	      "        [--days N] [--force]\n"
	      "  " SS_PROG " production-sign [--key-store DIR] --in FILE --out FILE\n"
	      "  " SS_PROG " deployment create [--key-store DIR] [--sequence N] --output DIR\n"
	      "           --package FILE...\n"
	      "  " SS_PROG " deployment verify [--key-store DIR] --deployment DIR\n"
	      "  " SS_PROG " deployment deliver --deployment DIR [--socket PATH] [--json]\n"
	      "  " SS_PROG " --help\n"
	      "\n"
	      "--key-store DIR: the Security Service's key store (default: $" SS_KEY_STORE_ENV ",\n"
	      "  else the build's). init creates it (mode 0700) with a new capability and\n"
	      "  production key (never replacing keys; --exist-ok: an initialised store is fine).\n"
	      "  trust-sdk-key stores the public half of the SDK key uploads are signed with.\n"
	      "\n"
	      "issue-device-certificate: the device's client certificate (CN = its ID), signed\n"
	      "  by the store's device CA (made on first use), with a new key: FILE (0600) holds\n"
	      "  the certificate, the CA's and the key; valid --days N (1..398, default 30).\n"
	      "device-certificate: the device keeps its key. ca: the device CA's certificate\n"
	      "  (what devices and TLS servers trust). sign: a certificate for a device's\n"
	      "  certificate request (its own P-256 key, CN = its ID; --device-id: only that\n"
	      "  device's): FILE holds the certificate and the CA's. deliver: over the host\n"
	      "  channel, the device's request signed and sent back for it to check and store,\n"
	      "  if it has none or it is due for renewal (--force: anyway).\n"
	      "issue-capability: sign a device capability file (256 bytes) for one device.\n"
	      "  --key-role NAME      sign with the store's NAME key (default: " SS_DEFAULT_KEY_ROLE
	      ")\n"
	      "  --device-id HEX128   the device's ID: 128 hex digits (64 bytes)\n"
	      "  --capability CAP     a capability to grant (repeatable), one of\n"
	      "                       ",
	      out);
	ss_capability_print_accepted(out, "\n                       ");
	fputs("\n"
	      "  --sequence N         1 or more; a device accepts only increasing sequences\n"
	      "  --out FILE           the file to write (written whole or not at all)\n"
	      "\n"
	      "show-capability: print a capability file's fields and whether its structure\n"
	      "parses (the signature is not checked).\n"
	      "\n"
	      "production-sign: verify an SDK-signed image package with the SDK key the store\n"
	      "trusts and re-sign it with the production key, every other byte unchanged.\n"
	      "\n"
	      "deployment create: verify each --package as production-signed and write --output\n"
	      "(a new or empty directory): the packages and deployment.azsd, the manifest that\n"
	      "binds them, signed with the production key. deployment verify: check one as a\n"
	      "device does. deployment deliver: send one to the device's azs-gatewayd over the\n"
	      "host channel (--socket, else $AZS_DEVICE_SOCKET, else the device make run runs)\n"
	      "as a cloud update; a device with appDevelopment refuses it.\n"
	      "\n"
	      "Exit status: 0 success, 1 runtime error or malformed file, 2 usage error.\n",
	      out);
}

static int usage_error(void)
{
	fputs("Try '" SS_PROG " --help'.\n", stderr);
	return EXIT_USAGE;
}

enum {
	OPT_KEYS = 0x100,
	OPT_KEY_ROLE,
	OPT_DEVICE_ID,
	OPT_CAPABILITY,
	OPT_SEQUENCE,
	OPT_OUT,
	OPT_HELP = 'h',
};

static const struct option issue_options[] = {
	{"key-store", required_argument, NULL, OPT_KEYS},
	{"key-role", required_argument, NULL, OPT_KEY_ROLE},
	{"device-id", required_argument, NULL, OPT_DEVICE_ID},
	{"capability", required_argument, NULL, OPT_CAPABILITY},
	{"sequence", required_argument, NULL, OPT_SEQUENCE},
	{"out", required_argument, NULL, OPT_OUT},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

static const char *option_name(int val)
{
	for (const struct option *o = issue_options; o->name; o++)
		if (o->val == val)
			return o->name;
	return "?";
}

struct issue_args {
	const char *keys;
	const char *key_role;
	const char *out;
	const char *device_id; /* as given; parsed into spec */
	const char *sequence;
	struct ss_capfile_spec spec;
};

/* A single-valued option given once, with a value. */
static int set_once(const char **slot, int opt, const char *arg)
{
	if (*slot) {
		ss_error("--%s given twice", option_name(opt));
		return -EINVAL;
	}
	if (!arg[0]) {
		ss_error("--%s: empty value", option_name(opt));
		return -EINVAL;
	}
	*slot = arg;
	return 0;
}

static int add_capability(struct ss_capfile_spec *spec, const char *arg)
{
	u8 v;
	int ret = ss_capability_parse(arg, &v);

	if (ret)
		return ret;
	for (unsigned int i = 0; i < spec->num_caps; i++) {
		if (spec->caps[i] == v) {
			ss_error("--capability: '%s' is capability %u, already given", arg, v);
			return -EINVAL;
		}
	}
	if (spec->num_caps == AZS_CAPFILE_NUM_SLOTS) {
		ss_error("--capability: at most %d capabilities", AZS_CAPFILE_NUM_SLOTS);
		return -EINVAL;
	}
	spec->caps[spec->num_caps++] = v;
	return 0;
}

static int take_option(struct issue_args *a, int opt, const char *arg)
{
	switch (opt) {
	case OPT_KEYS:
		return set_once(&a->keys, opt, arg);
	case OPT_KEY_ROLE:
		if (set_once(&a->key_role, opt, arg))
			return -EINVAL;
		if (strcmp(arg, SS_ROLE_CAPABILITY) && strcmp(arg, SS_ROLE_PRODUCTION)) {
			ss_error("--key-role: '%s' is not a key of the store (capability or "
				 "production)",
				 arg);
			return -EINVAL;
		}
		return 0;
	case OPT_OUT:
		return set_once(&a->out, opt, arg);
	case OPT_DEVICE_ID:
		return set_once(&a->device_id, opt, arg)
			       ?: ss_parse_device_id(arg, a->spec.device_id);
	case OPT_SEQUENCE:
		return set_once(&a->sequence, opt, arg)
			       ?: ss_parse_sequence(arg, &a->spec.sequence);
	case OPT_CAPABILITY:
		return add_capability(&a->spec, arg);
	}
	return -EINVAL;
}

static int check_required(const struct issue_args *a)
{
	const char *missing = !a->device_id       ? "--device-id HEX128"
			      : !a->spec.num_caps ? "--capability NAME_OR_NUMBER"
			      : !a->sequence      ? "--sequence N"
			      : !a->out           ? "--out FILE"
						  : NULL;

	if (missing) {
		ss_error("issue-capability: missing %s", missing);
		return -EINVAL;
	}
	return 0;
}

static int cmd_issue(int argc, char **argv)
{
	struct issue_args a = {0};
	u8 file[AZS_CAPFILE_SIZE];
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", issue_options, NULL)) != -1) {
		if (opt == OPT_HELP) {
			usage(stdout);
			return 0;
		}
		if (opt == ':') {
			ss_error("--%s needs a value", option_name(optopt));
			return usage_error();
		}
		if (opt == '?') {
			ss_error("issue-capability: unknown option '%s'", argv[optind - 1]);
			return usage_error();
		}
		if (take_option(&a, opt, optarg))
			return usage_error();
	}
	if (optind < argc) {
		ss_error("issue-capability: unexpected argument '%s'", argv[optind]);
		return usage_error();
	}
	if (check_required(&a))
		return usage_error();
	if (!a.key_role)
		a.key_role = SS_DEFAULT_KEY_ROLE;

	if (ss_issue_capability(ss_store_path(a.keys), a.key_role, &a.spec, file)) {
		ss_error("key store %s, key %s: could not sign with that key",
			 ss_store_path(a.keys), a.key_role);
		return EXIT_RUNTIME;
	}
	if (ss_write_file_atomic(a.out, file, sizeof(file))) {
		ss_error("--out %s: not written", a.out);
		return EXIT_RUNTIME;
	}
	return 0;
}

static int cmd_show(int argc, char **argv)
{
	int ret;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc != 2) {
		ss_error("show-capability: expected one FILE argument");
		return usage_error();
	}
	ret = ss_show_capability(argv[1], stdout);
	return ret ? EXIT_RUNTIME : 0;
}

/*
 * The options of the simpler verbs: "--NAME VALUE" pairs (VALUE non-empty,
 * each NAME once unless repeatable) and "--FLAG"s. SPEC lists them.
 */
struct opt_spec {
	const char *name;
	const char **value; /* NULL for a flag */
	int *flag;
	char **list; /* repeatable: up to LIST_MAX values */
	size_t *n;
};

#define LIST_MAX 64

static int parse_opts(const char *verb, int argc, char **argv, const struct opt_spec *spec)
{
	for (int i = 1; i < argc; i++) {
		const struct opt_spec *o = spec;

		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			exit(0);
		}
		while (o->name && (strncmp(argv[i], "--", 2) || strcmp(argv[i] + 2, o->name)))
			o++;
		if (!o->name) {
			ss_error("%s: unknown argument '%s'", verb, argv[i]);
			return -EINVAL;
		}
		if (o->flag) {
			*o->flag = 1;
			continue;
		}
		if (i + 1 >= argc || !argv[i + 1][0]) {
			ss_error("%s needs a value", argv[i]);
			return -EINVAL;
		}
		i++;
		if (o->list) {
			if (*o->n == LIST_MAX) {
				ss_error("--%s: at most %d", o->name, LIST_MAX);
				return -EINVAL;
			}
			o->list[(*o->n)++] = argv[i];
		} else if (*o->value) {
			ss_error("--%s given twice", o->name);
			return -EINVAL;
		} else {
			*o->value = argv[i];
		}
	}
	return 0;
}

static int missing(const char *verb, const char *what)
{
	ss_error("%s: missing %s", verb, what);
	return usage_error();
}

static int cmd_production_sign(int argc, char **argv)
{
	const char *store = NULL, *in = NULL, *out = NULL;
	const struct opt_spec spec[] = {
		{.name = "key-store", .value = &store},
		{.name = "in", .value = &in},
		{.name = "out", .value = &out},
		{.name = NULL},
	};

	if (parse_opts("production-sign", argc, argv, spec))
		return usage_error();
	if (!in || !out)
		return missing("production-sign", !in ? "--in FILE" : "--out FILE");
	return ss_production_sign(ss_store_path(store), in, out) ? EXIT_RUNTIME : 0;
}

static int cmd_init(int argc, char **argv)
{
	const char *store = NULL;
	int exist_ok = 0;
	const struct opt_spec spec[] = {
		{.name = "key-store", .value = &store},
		{.name = "exist-ok", .flag = &exist_ok},
		{.name = NULL},
	};

	if (parse_opts("init", argc, argv, spec))
		return usage_error();
	return ss_store_init(ss_store_path(store), exist_ok) ? EXIT_RUNTIME : 0;
}

static int cmd_trust_sdk_key(int argc, char **argv)
{
	const char *store = NULL, *pub = NULL;
	const struct opt_spec spec[] = {
		{.name = "key-store", .value = &store},
		{.name = "public-key", .value = &pub},
		{.name = NULL},
	};

	if (parse_opts("trust-sdk-key", argc, argv, spec))
		return usage_error();
	if (!pub)
		return missing("trust-sdk-key", "--public-key FILE");
	return ss_store_trust_sdk_key(ss_store_path(store), pub) ? EXIT_RUNTIME : 0;
}

static int cmd_device_certificate(int argc, char **argv)
{
	const char *store = NULL, *id_arg = NULL, *out = NULL, *days_arg = NULL;
	const struct opt_spec spec[] = {
		{.name = "key-store", .value = &store},
		{.name = "device-id", .value = &id_arg},
		{.name = "out", .value = &out},
		{.name = "days", .value = &days_arg},
		{.name = NULL},
	};
	u8 id[AZS_DEVICE_ID_SIZE];
	unsigned long days = 30;
	char *end = NULL;

	if (parse_opts("issue-device-certificate", argc, argv, spec))
		return usage_error();
	if (!id_arg || !out)
		return missing("issue-device-certificate",
			       !id_arg ? "--device-id HEX128" : "--out FILE");
	if (ss_parse_device_id(id_arg, id))
		return usage_error();
	if (days_arg) {
		errno = 0;
		days = strtoul(days_arg, &end, 10);
		if (errno || *end || days_arg[0] < '1' || days_arg[0] > '9' || days > 398) {
			ss_error("--days '%s': a number of days from 1 to 398", days_arg);
			return usage_error();
		}
	}
	return ss_issue_device_certificate(ss_store_path(store), id, (unsigned int)days, out)
		       ? EXIT_RUNTIME
		       : 0;
}

/* --days: 1..398. 0, or a usage error after a message. */
static int parse_days(const char *arg, unsigned long *days)
{
	char *end = NULL;

	if (!arg)
		return 0;
	errno = 0;
	*days = strtoul(arg, &end, 10);
	if (errno || *end || arg[0] < '1' || arg[0] > '9' || *days > 398) {
		ss_error("--days '%s': a number of days from 1 to 398", arg);
		return -EINVAL;
	}
	return 0;
}

/* device-certificate ca | sign | deliver: the device keeps its key (device_cert.h). */
static int cmd_device_cert_csr(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "", *store = NULL, *out = NULL, *csr = NULL;
	const char *id_arg = NULL, *days_arg = NULL, *sock = NULL;
	const struct opt_spec ca[] = {
		{.name = "key-store", .value = &store},
		{.name = "out", .value = &out},
		{.name = NULL},
	};
	const struct opt_spec sign[] = {
		{.name = "key-store", .value = &store}, {.name = "csr", .value = &csr},
		{.name = "device-id", .value = &id_arg}, {.name = "out", .value = &out},
		{.name = "days", .value = &days_arg},   {.name = NULL},
	};
	int force = 0;
	const struct opt_spec deliver[] = {
		{.name = "key-store", .value = &store}, {.name = "socket", .value = &sock},
		{.name = "days", .value = &days_arg},   {.name = "force", .flag = &force},
		{.name = NULL},
	};
	char found[PATH_MAX], *cert = NULL, buf[16385];
	unsigned long days = 30;
	u8 id[AZS_DEVICE_ID_SIZE];
	size_t len;
	int ret;

	if (!strcmp(verb, "ca")) {
		if (parse_opts("device-certificate ca", argc - 1, argv + 1, ca))
			return usage_error();
		if (!out)
			return missing("device-certificate ca", "--out FILE");
		return ss_device_ca_export(ss_store_path(store), out) ? EXIT_RUNTIME : 0;
	}
	if (!strcmp(verb, "sign")) {
		if (parse_opts("device-certificate sign", argc - 1, argv + 1, sign))
			return usage_error();
		if (!csr || !out)
			return missing("device-certificate sign", !csr ? "--csr FILE" : "--out FILE");
		if ((id_arg && ss_parse_device_id(id_arg, id)) || parse_days(days_arg, &days))
			return usage_error();
		if (ss_read_file(csr, (uint8_t *)buf, sizeof(buf) - 1, &len))
			return EXIT_RUNTIME;
		ret = ss_sign_device_csr(ss_store_path(store), buf, len, id_arg ? id : NULL,
					 (unsigned int)days, &cert, &len);
		if (!ret)
			ret = ss_write_file_atomic_mode(out, cert, len, 0644);
		free(cert);
		return ret ? EXIT_RUNTIME : 0;
	}
	if (!strcmp(verb, "deliver")) {
		if (parse_opts("device-certificate deliver", argc - 1, argv + 1, deliver))
			return usage_error();
		if (parse_days(days_arg, &days))
			return usage_error();
		sock = azs_find_device(SS_PROG, sock, found, sizeof(found));
		if (!sock)
			return EXIT_RUNTIME;
		return ss_device_certificate_deliver(ss_store_path(store), sock,
						     (unsigned int)days, force)
			       ? EXIT_RUNTIME
			       : 0;
	}
	ss_error("device-certificate: expected ca, sign or deliver, not '%s'", verb);
	return usage_error();
}

static int cmd_deployment(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "", *store = NULL, *output = NULL, *dir = NULL;
	const char *sock = NULL, *sequence = NULL;
	char *packages[LIST_MAX], found[PATH_MAX];
	size_t n = 0;
	int json = 0;
	const struct opt_spec create[] = {
		{.name = "key-store", .value = &store},
		{.name = "output", .value = &output},
		{.name = "sequence", .value = &sequence},
		{.name = "package", .list = packages, .n = &n},
		{.name = NULL},
	};
	const struct opt_spec verify[] = {
		{.name = "key-store", .value = &store},
		{.name = "deployment", .value = &dir},
		{.name = NULL},
	};
	const struct opt_spec deliver[] = {
		{.name = "deployment", .value = &dir},
		{.name = "socket", .value = &sock},
		{.name = "json", .flag = &json},
		{.name = NULL},
	};

	if (!strcmp(verb, "create")) {
		if (parse_opts("deployment create", argc - 1, argv + 1, create))
			return usage_error();
		if (!output || !n)
			return missing("deployment create",
				       !output ? "--output DIR" : "--package FILE");
		return ss_deployment_create(ss_store_path(store), output, sequence, packages, n)
			       ? EXIT_RUNTIME
			       : 0;
	}
	if (!strcmp(verb, "verify")) {
		if (parse_opts("deployment verify", argc - 1, argv + 1, verify))
			return usage_error();
		if (!dir)
			return missing("deployment verify", "--deployment DIR");
		return ss_deployment_verify(ss_store_path(store), dir) ? EXIT_RUNTIME : 0;
	}
	if (!strcmp(verb, "deliver")) {
		if (parse_opts("deployment deliver", argc - 1, argv + 1, deliver))
			return usage_error();
		if (!dir)
			return missing("deployment deliver", "--deployment DIR");
		sock = azs_find_device(SS_PROG, sock, found, sizeof(found));
		if (!sock)
			return EXIT_RUNTIME;
		return ss_deployment_deliver(dir, sock, json) ? EXIT_RUNTIME : 0;
	}
	ss_error("deployment: expected create, verify or deliver, not '%s'", verb);
	return usage_error();
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} verbs[] = {
		{"init", cmd_init},
		{"trust-sdk-key", cmd_trust_sdk_key},
		{"issue-capability", cmd_issue},
		{"show-capability", cmd_show},
		{"production-sign", cmd_production_sign},
		{"deployment", cmd_deployment},
		{"issue-device-certificate", cmd_device_certificate},
		{"device-certificate", cmd_device_cert_csr},
	};

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (!strcmp(argv[1], verbs[i].name))
			return verbs[i].fn(argc - 1, argv + 1);
	ss_error("unknown command '%s'", argv[1]);
	return usage_error();
}
