// SPDX-License-Identifier: MIT
/*
 * image-package: signed image packages for apps (docs/image-package.md).
 *   pack-application  an app directory into a signed package
 *   show              a package's metadata, and whether it verifies
 *   resolve-manifest  an app manifest with its $NAMEs resolved
 * Exit status: 0 success, 1 runtime failure (or a package refused), 2 usage
 * error. A failed pack-application writes no output file.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "pack.h"
#include "show.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE   2

static void usage(FILE *out)
{
	fputs("Usage:\n"
	      "  " IP_PROG " pack-application --input DIR --destination FILE --keys DIR\n"
	      "        [--key-role sdk|production]\n"
	      "        [--hardware-definitions DIR ... --target-definition-filename NAME.json]\n"
	      "  " IP_PROG " show --image-package FILE [--keys DIR]\n"
	      "  " IP_PROG " resolve-manifest --input DIR --destination FILE\n"
	      "        [--hardware-definitions DIR ... --target-definition-filename NAME.json]\n"
	      "  " IP_PROG " --help\n"
	      "\n"
	      "pack-application: pack DIR (app_manifest.json, its EntryPoint such as bin/app,\n"
	      "and any other files) into a signed image package.\n"
	      "  --input DIR                   the app's root directory\n"
	      "  --destination FILE            the package to write (whole or not at all)\n"
	      "  --keys DIR                    signing keys (scripts/gen-keys)\n"
	      "  --key-role ROLE               sign with DIR/ROLE.key.pem: sdk (default) or\n"
	      "                                production\n"
	      "  --hardware-definitions DIR    where hardware definitions are (repeatable)\n"
	      "  --target-definition-filename NAME.json\n"
	      "                                the hardware definition that resolves $NAMEs\n"
	      "\n"
	      "resolve-manifest: write DIR/app_manifest.json with its $NAMEs replaced, as\n"
	      "pack-application would pack it.\n"
	      "\n"
	      "show: print a package's metadata and manifest; with --keys DIR, verify its\n"
	      "signature against DIR/production.pub.pem and DIR/sdk.pub.pem.\n"
	      "\n"
	      "Exit status: 0 success, 1 runtime error or package refused, 2 usage error.\n",
	      out);
}

static int usage_error(void)
{
	fputs("Try '" IP_PROG " --help'.\n", stderr);
	return EXIT_USAGE;
}

enum {
	OPT_INPUT = 0x100,
	OPT_DESTINATION,
	OPT_KEYS,
	OPT_KEY_ROLE,
	OPT_HWDEFS,
	OPT_TARGET,
	OPT_IMAGE_PACKAGE,
	OPT_HELP = 'h',
};

static const struct option options[] = {
	{"input", required_argument, NULL, OPT_INPUT},
	{"destination", required_argument, NULL, OPT_DESTINATION},
	{"keys", required_argument, NULL, OPT_KEYS},
	{"key-role", required_argument, NULL, OPT_KEY_ROLE},
	{"hardware-definitions", required_argument, NULL, OPT_HWDEFS},
	{"target-definition-filename", required_argument, NULL, OPT_TARGET},
	{"image-package", required_argument, NULL, OPT_IMAGE_PACKAGE},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

static const char *option_name(int val)
{
	for (const struct option *o = options; o->name; o++)
		if (o->val == val)
			return o->name;
	return "?";
}

struct args {
	struct ip_pack_args pack;
	const char *image_package;
};

static int set_once(const char **slot, int opt, const char *arg)
{
	if (*slot) {
		ip_error("--%s given twice", option_name(opt));
		return -EINVAL;
	}
	if (!arg[0]) {
		ip_error("--%s: empty value", option_name(opt));
		return -EINVAL;
	}
	*slot = arg;
	return 0;
}

static int take_option(struct args *a, int opt, const char *arg)
{
	struct ip_pack_args *p = &a->pack;

	switch (opt) {
	case OPT_INPUT:
		return set_once(&p->input, opt, arg);
	case OPT_DESTINATION:
		return set_once(&p->destination, opt, arg);
	case OPT_KEYS:
		return set_once(&p->keys, opt, arg);
	case OPT_TARGET:
		return set_once(&p->target, opt, arg);
	case OPT_IMAGE_PACKAGE:
		return set_once(&a->image_package, opt, arg);
	case OPT_KEY_ROLE:
		if (set_once(&p->key_role, opt, arg))
			return -EINVAL;
		if (!ip_role_from_name(arg)) {
			ip_error("--key-role %s: must be sdk or production", arg);
			return -EINVAL;
		}
		return 0;
	case OPT_HWDEFS:
		if (!arg[0]) {
			ip_error("--hardware-definitions: empty value");
			return -EINVAL;
		}
		if (p->n_hwdirs == IP_MAX_HWDIRS) {
			ip_error("--hardware-definitions: at most %d directories", IP_MAX_HWDIRS);
			return -EINVAL;
		}
		p->hwdirs[p->n_hwdirs++] = arg;
		return 0;
	}
	return -EINVAL;
}

/* Options of one verb; ALLOWED lists the option values it takes. */
static int parse(int argc, char **argv, const char *verb, const int *allowed, struct args *a,
		 int *help)
{
	int opt;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		int ok = 0;

		if (opt == OPT_HELP) {
			*help = 1;
			return 0;
		}
		if (opt == ':') {
			ip_error("--%s needs a value", option_name(optopt));
			return -EINVAL;
		}
		for (const int *o = allowed; *o && opt != '?'; o++)
			ok |= *o == opt;
		if (opt == '?') {
			ip_error("%s: unknown option '%s'", verb, argv[optind - 1]);
			return -EINVAL;
		}
		if (!ok) {
			ip_error("%s: option --%s does not apply", verb, option_name(opt));
			return -EINVAL;
		}
		if (take_option(a, opt, optarg))
			return -EINVAL;
	}
	if (optind < argc) {
		ip_error("%s: unexpected argument '%s'", verb, argv[optind]);
		return -EINVAL;
	}
	return 0;
}

static int cmd_pack(int argc, char **argv)
{
	static const int allowed[] = {OPT_INPUT,  OPT_DESTINATION, OPT_KEYS, OPT_KEY_ROLE,
				      OPT_HWDEFS, OPT_TARGET,      0};
	struct args a = {0};
	const char *missing;
	int help = 0;

	if (parse(argc, argv, "pack-application", allowed, &a, &help))
		return usage_error();
	if (help) {
		usage(stdout);
		return 0;
	}
	missing = !a.pack.input         ? "--input DIR"
		  : !a.pack.destination ? "--destination FILE"
		  : !a.pack.keys        ? "--keys DIR"
					: NULL;
	if (missing) {
		ip_error("pack-application: missing %s", missing);
		return usage_error();
	}
	if (!a.pack.key_role)
		a.pack.key_role = "sdk";
	return ip_pack(&a.pack) ? EXIT_RUNTIME : 0;
}

static int cmd_resolve(int argc, char **argv)
{
	static const int allowed[] = {OPT_INPUT, OPT_DESTINATION, OPT_HWDEFS, OPT_TARGET, 0};
	struct args a = {0};
	int help = 0;

	if (parse(argc, argv, "resolve-manifest", allowed, &a, &help))
		return usage_error();
	if (help) {
		usage(stdout);
		return 0;
	}
	if (!a.pack.input || !a.pack.destination) {
		ip_error("resolve-manifest: missing %s",
			 !a.pack.input ? "--input DIR" : "--destination FILE");
		return usage_error();
	}
	return ip_resolve_only(&a.pack) ? EXIT_RUNTIME : 0;
}

static int cmd_show(int argc, char **argv)
{
	static const int allowed[] = {OPT_IMAGE_PACKAGE, OPT_KEYS, 0};
	struct args a = {0};
	int help = 0;

	if (parse(argc, argv, "show", allowed, &a, &help))
		return usage_error();
	if (help) {
		usage(stdout);
		return 0;
	}
	if (!a.image_package) {
		ip_error("show: missing --image-package FILE");
		return usage_error();
	}
	return ip_show(a.image_package, a.pack.keys, stdout) ? EXIT_RUNTIME : 0;
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
	if (!strcmp(argv[1], "pack-application"))
		return cmd_pack(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return cmd_show(argc - 1, argv + 1);
	if (!strcmp(argv[1], "resolve-manifest"))
		return cmd_resolve(argc - 1, argv + 1);
	ip_error("unknown command '%s'", argv[1]);
	return usage_error();
}
