// SPDX-License-Identifier: GPL-2.0
/*
 * pidns(1): pid namespace trees, pid translation and exact-NSpid restore,
 * on any kernel: each command uses the newest interface the kernel has and
 * falls back without it.  See pidns.1.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "util.h"

#define PIDNS_VERSION "0.1"

void tree_help_columns(void);
void ls_help_columns(void);

static void usage(void)
{
	printf("Usage:\n"
	       " pidns tree [-J] [-o COLS] [-n] [-r] [--ns NS]\n"
	       " pidns translate PID --from NS [--to NS] [--all]\n"
	       " pidns ps [--ns NS] [-J] [-o COLS] [-n] [-r]\n"
	       " pidns set-last NS V0:V1:...\n"
	       " pidns spawn --pids V0:V1:... [--ns NS] -- CMD [ARG...]\n"
	       " pidns ls [-J] [-t TYPE] [-o COLS] [-n] [-r]\n"
	       "\n"
	       "Pid namespace trees, pid translation and exact-NSpid restore.\n"
	       "\n"
	       "Commands:\n"
	       " tree        the tree of pid namespaces below NS (default: ours)\n"
	       " translate   the number of pid PID of namespace NS in another namespace\n"
	       " ps          tasks at and below NS, with their NSpid vectors\n"
	       " set-last    set the ns_last_pid of NS and of its ancestors, innermost first\n"
	       " spawn       run CMD with exactly the NSpid vector V0:V1:... (innermost first)\n"
	       " ls          every namespace we can see\n"
	       "\n"
	       "NS is a pid (that task's pid namespace) or a path to a namespace file\n"
	       "(/proc/PID/ns/pid, or a bind mount of one).\n"
	       "\n"
	       "Options:\n"
	       " -J, --json           JSON output\n"
	       " -o, --output COLS    columns to print, comma-separated\n"
	       " -n, --noheadings     no header line\n"
	       " -r, --raw            no alignment, no tree drawing\n"
	       "     --ns NS          the namespace to start from\n"
	       "     --from NS        translate: the namespace PID is numbered in\n"
	       "     --to NS          translate: the namespace to number it in (default: ours)\n"
	       "     --all            translate: print the whole NSpid vector, ours first\n"
	       "     --pids V0:V1:... spawn: the pids, innermost namespace first\n"
	       " -t, --type TYPE      ls: only namespaces of TYPE (cgroup ipc mnt net pid time user uts)\n"
	       " -h, --help           this help\n"
	       " -V, --version        the version\n");
	tree_help_columns();
	ls_help_columns();
	printf("\nExit status: 0 success, 1 failure, 2 usage error; spawn: CMD's.\n"
	       "For more details see pidns(1).\n");
}

enum { OPT_NS = 256, OPT_FROM, OPT_TO, OPT_ALL, OPT_PIDS };

static const struct option options[] = {
	{ "json",	no_argument,		NULL, 'J' },
	{ "output",	required_argument,	NULL, 'o' },
	{ "noheadings",	no_argument,		NULL, 'n' },
	{ "raw",	no_argument,		NULL, 'r' },
	{ "type",	required_argument,	NULL, 't' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ "ns",		required_argument,	NULL, OPT_NS },
	{ "from",	required_argument,	NULL, OPT_FROM },
	{ "to",		required_argument,	NULL, OPT_TO },
	{ "all",	no_argument,		NULL, OPT_ALL },
	{ "pids",	required_argument,	NULL, OPT_PIDS },
	{ NULL, 0, NULL, 0 }
};

struct args {
	struct table_opts table;
	const char *ns, *from, *to, *pids, *type;
	bool all;
};

/* Options a command does not take are usage errors, not silently ignored. */
static void only(const char *cmd, const struct args *a, const char *allowed)
{
	const struct { const char *name; bool given; } opts[] = {
		{ "json", a->table.json }, { "output", a->table.columns != NULL },
		{ "noheadings", a->table.noheadings }, { "raw", a->table.raw },
		{ "ns", a->ns != NULL }, { "from", a->from != NULL }, { "to", a->to != NULL },
		{ "all", a->all }, { "pids", a->pids != NULL }, { "type", a->type != NULL },
	};
	unsigned int i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (opts[i].given && !strstr(allowed, opts[i].name))
			usage_error("--%s does not apply to '%s'", opts[i].name, cmd);
}

static void nargs(int have, int want)
{
	if (have < want)
		usage_error("missing argument");
	if (have > want)
		usage_error("too many arguments");
}

int main(int argc, char **argv)
{
	struct args a = { 0 };
	const char *cmd;
	int c;

	/*
	 * Options may come before or after the command (getopt permutes the
	 * words that are not options to the end, in order); "--" ends them,
	 * so that spawn's CMD keeps its own.
	 */
	while ((c = getopt_long(argc, argv, "Jo:nrt:hV", options, NULL)) != -1) {
		switch (c) {
		case 'J':	a.table.json = true; break;
		case 'o':	a.table.columns = optarg; break;
		case 'n':	a.table.noheadings = true; break;
		case 'r':	a.table.raw = true; break;
		case 't':	a.type = optarg; break;
		case OPT_NS:	a.ns = optarg; break;
		case OPT_FROM:	a.from = optarg; break;
		case OPT_TO:	a.to = optarg; break;
		case OPT_ALL:	a.all = true; break;
		case OPT_PIDS:	a.pids = optarg; break;
		case 'h':	usage(); return 0;
		case 'V':	printf("pidns %s\n", PIDNS_VERSION); return 0;
		default:	fprintf(stderr, "Try 'pidns --help' for more information.\n");
				return EXIT_USAGE;
		}
	}
	if (optind < argc)
		command_name = argv[optind++];
	cmd = command_name;
	if (!cmd)
		usage_error("no command given");
	argc -= optind;
	argv += optind;

	if (!strcmp(cmd, "tree")) {
		only(cmd, &a, "json output noheadings raw ns");
		nargs(argc, 0);
		return cmd_tree(&a.table, a.ns);
	}
	if (!strcmp(cmd, "ps")) {
		only(cmd, &a, "json output noheadings raw ns");
		nargs(argc, 0);
		return cmd_ps(&a.table, a.ns);
	}
	if (!strcmp(cmd, "ls")) {
		only(cmd, &a, "json output noheadings raw type");
		nargs(argc, 0);
		return cmd_ls(&a.table, a.type);
	}
	if (!strcmp(cmd, "translate")) {
		only(cmd, &a, "from to all");
		nargs(argc, 1);
		if (!a.from)
			usage_error("--from NS is required");
		if (a.all && a.to)
			usage_error("--all prints every level: it takes no --to");
		return cmd_translate(argv[0], a.from, a.to, a.all);
	}
	if (!strcmp(cmd, "set-last")) {
		only(cmd, &a, "");
		nargs(argc, 2);
		return cmd_set_last(argv[0], argv[1]);
	}
	if (!strcmp(cmd, "spawn")) {
		only(cmd, &a, "pids ns");
		if (!a.pids)
			usage_error("--pids V0:V1:... is required");
		if (argc < 1)
			usage_error("no command to run (pidns spawn --pids ... -- CMD)");
		return cmd_spawn(a.pids, a.ns, argv);
	}
	command_name = NULL;
	usage_error("unknown command '%s'", cmd);
}
