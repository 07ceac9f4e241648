// SPDX-License-Identifier: MIT
/*
 * azs-security-service: the Security Service's capability-file issuer.
 *   issue-capability  sign a device capability file for one device
 *   show-capability   print a capability file's fields
 *   production-sign   re-sign a verified SDK-signed image package for production
 * Exit status: 0 success, 1 runtime failure (or a malformed file shown),
 * 2 usage error. A failed issue-capability writes no output file.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cap_names.h"
#include "file_io.h"
#include "issue.h"
#include "log.h"
#include "production_sign.h"
#include "show.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE   2

static void usage(FILE *out)
{
	fputs("Usage:\n"
	      "  " SS_PROG " issue-capability --keys DIR --device-id HEX128\n"
	      "        --capability NAME_OR_NUMBER [--capability ...] --sequence N --out FILE\n"
	      "        [--key-role NAME]\n"
	      "  " SS_PROG " show-capability FILE\n"
	      "  " SS_PROG " production-sign --keys DIR --in FILE --out FILE\n"
	      "  " SS_PROG " --help\n"
	      "\n"
	      "issue-capability: sign a device capability file (256 bytes) for one device.\n"
	      "  --keys DIR           directory holding the signing keys (scripts/gen-keys)\n"
	      "  --key-role NAME      sign with DIR/NAME.key.pem (default: " SS_DEFAULT_KEY_ROLE
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
	      "production-sign: verify an SDK-signed image package with DIR/sdk.pub.pem and\n"
	      "re-sign it with DIR/production.key.pem, every other byte unchanged.\n"
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
	{"keys", required_argument, NULL, OPT_KEYS},
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
		return set_once(&a->key_role, opt, arg) ?: ss_parse_key_role(arg);
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
	const char *missing = !a->keys            ? "--keys DIR"
			      : !a->device_id     ? "--device-id HEX128"
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

	if (ss_issue_capability(a.keys, a.key_role, &a.spec, file)) {
		ss_error("--keys %s --key-role %s: could not sign with that key", a.keys,
			 a.key_role);
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

static int cmd_production_sign(int argc, char **argv)
{
	const char *keys = NULL, *in = NULL, *out = NULL;

	for (int i = 1; i < argc; i += 2) {
		const char **slot = !strcmp(argv[i], "--keys")  ? &keys
				    : !strcmp(argv[i], "--in")  ? &in
				    : !strcmp(argv[i], "--out") ? &out
								: NULL;

		if (!slot) {
			ss_error("production-sign: unknown argument '%s'", argv[i]);
			return usage_error();
		}
		if (i + 1 >= argc || !argv[i + 1][0]) {
			ss_error("%s needs a value", argv[i]);
			return usage_error();
		}
		if (*slot) {
			ss_error("%s given twice", argv[i]);
			return usage_error();
		}
		*slot = argv[i + 1];
	}
	if (!keys || !in || !out) {
		ss_error("production-sign: missing %s", !keys ? "--keys DIR"
							: !in ? "--in FILE"
							      : "--out FILE");
		return usage_error();
	}
	return ss_production_sign(keys, in, out) ? EXIT_RUNTIME : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "issue-capability"))
		return cmd_issue(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show-capability"))
		return cmd_show(argc - 1, argv + 1);
	if (!strcmp(argv[1], "production-sign"))
		return cmd_production_sign(argc - 1, argv + 1);
	ss_error("unknown command '%s'", argv[1]);
	return usage_error();
}
