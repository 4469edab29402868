// SPDX-License-Identifier: GPL-2.0
/*
 * pidns(1): pid namespace trees, pid translation and exact-NSpid restore,
 * on any kernel: each command uses the newest interface the kernel has and
 * falls back without it.  See pidns.1.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "escape.h"
#include "proc.h"
#include "util.h"

#define PIDNS_VERSION "0.2"

static void usage(void)
{
	printf("Usage:\n"
	       " pidns tree [-J] [-o COLS] [-n] [-r] [--ns NS]\n"
	       " pidns translate PID --from NS [--to NS] [--all]\n"
	       " pidns ps [--ns NS] [-J] [-o COLS] [-n] [-r]\n"
	       " pidns set-last [--no-exact] [--innermost-first] NS OUTER,...,INNER\n"
	       " pidns spawn --pids OUTER,...,INNER [--innermost-first] [--ns NS] [--] CMD [ARG...]\n"
	       " pidns ls [-J] [-t TYPE] [-o COLS] [-n] [-r]\n"
	       "\n"
	       "Pid namespace trees, pid translation and exact-NSpid restore.\n"
	       "\n"
	       "Commands:\n"
	       " tree        the tree of pid namespaces below NS (default: ours)\n"
	       " translate   the number of pid PID of namespace NS in another namespace\n"
	       " ps          tasks at and below NS, with their NSpid vectors\n"
	       " set-last    set the ns_last_pid of NS and of its ancestors\n"
	       " spawn       run CMD with exactly the NSpid vector given\n"
	       " ls          every namespace we can see\n"
	       "\n"
	       "NS is a pid (that task's pid namespace) or a path to a namespace file\n"
	       "(/proc/PID/ns/pid, or a bind mount of one).  A vector is written as\n"
	       "NSpid: shows it, outermost namespace first, with ',' between the pids:\n"
	       "what ps prints in NSPID; its last pid is NS's own, and it may leave out\n"
	       "outer levels.\n"
	       "\n"
	       "Options:\n"
	       " -J, --json           JSON output\n"
	       " -o, --output COLS    columns to print, comma-separated\n"
	       " -n, --noheadings     no header line\n"
	       " -r, --raw            no alignment, no tree drawing, spaces escaped\n"
	       "     --ns NS          the namespace to start from\n"
	       "     --from NS        translate: the namespace PID is numbered in\n"
	       "     --to NS          translate: the namespace to number it in (default: ours)\n"
	       "     --all            translate: print the whole NSpid vector, ours first\n"
	       "     --pids VECTOR    spawn: the pids, outermost namespace first\n"
	       "     --no-exact       set-last: move the cursors even where the next pid\n"
	       "                      is taken (by default that fails and changes nothing)\n"
	       "     --innermost-first  set-last, spawn: the vector is in the old order,\n"
	       "                      V0:V1:..., NS's own pid first\n"
	       " -t, --type TYPE      ls: only namespaces of TYPE (cgroup ipc mnt net pid time user uts)\n"
	       " -v, --verbose        say which kernel interface answered, and what was read\n"
	       " -h, --help           this help\n"
	       " -V, --version        the version\n");
	tree_help_columns();
	ls_help_columns();
	printf("\nExit status: 0 success, 1 failure, 2 usage error; spawn: CMD's.\n"
	       "For more details see pidns(1).\n");
}

enum { OPT_NS = 256, OPT_FROM, OPT_TO, OPT_ALL, OPT_PIDS, OPT_INNERMOST, OPT_NO_EXACT };

/* '+': stop at the first word that is not an option; ':': report a missing argument. */
static const char short_options[] = "+:Jo:nrt:vhV";

static const struct option options[] = {
	{ "json",	no_argument,		NULL, 'J' },
	{ "output",	required_argument,	NULL, 'o' },
	{ "noheadings",	no_argument,		NULL, 'n' },
	{ "raw",	no_argument,		NULL, 'r' },
	{ "type",	required_argument,	NULL, 't' },
	{ "verbose",	no_argument,		NULL, 'v' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ "ns",		required_argument,	NULL, OPT_NS },
	{ "from",	required_argument,	NULL, OPT_FROM },
	{ "to",		required_argument,	NULL, OPT_TO },
	{ "all",	no_argument,		NULL, OPT_ALL },
	{ "pids",	required_argument,	NULL, OPT_PIDS },
	{ "innermost-first", no_argument,	NULL, OPT_INNERMOST },
	{ "no-exact",	no_argument,		NULL, OPT_NO_EXACT },
	{ NULL, 0, NULL, 0 }
};

struct args {
	struct table_opts table;
	const char *ns, *from, *to, *pids, *type;
	bool all, innermost_first, no_exact;
};

/*
 * The options in @argv[1..@argc), up to the first other word when
 * @stop_at_word (before the command; spawn's CMD), else all of them
 * (getopt moves the other words to the end).  The index of the first
 * other word.  Errors are ours, "pidns: ...", not getopt's.
 */
static int parse_options(int argc, char **argv, bool stop_at_word, struct args *a)
{
	int c;

	optind = 0;	/* glibc: start afresh, and read '+' again */
	opterr = 0;
	while ((c = getopt_long(argc, argv, short_options + !stop_at_word, options, NULL)) != -1) {
		switch (c) {
		case 'J':	a->table.json = true; break;
		case 'o':	a->table.columns = optarg; break;
		case 'n':	a->table.noheadings = true; break;
		case 'r':	a->table.raw = true; break;
		case 't':	a->type = optarg; break;
		case 'v':	verbose_on = true; break;
		case OPT_NS:	a->ns = optarg; break;
		case OPT_FROM:	a->from = optarg; break;
		case OPT_TO:	a->to = optarg; break;
		case OPT_ALL:	a->all = true; break;
		case OPT_PIDS:	a->pids = optarg; break;
		case OPT_INNERMOST: a->innermost_first = true; break;
		case OPT_NO_EXACT: a->no_exact = true; break;
		case 'h':	usage(); exit(0);
		case 'V':	printf("pidns %s\n", PIDNS_VERSION); exit(0);
		case ':':
			usage_error("option '%s' requires an argument", argv[optind - 1]);
		default:
			if (optopt)
				usage_error("unknown option '-%c'", optopt);
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	return optind;
}

/* Whether @word is one of the space-separated words of @list. */
static bool has_word(const char *list, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = list; (p = strstr(p, word)); p += len)
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
			return true;
	return false;
}

/* Options a command does not take are usage errors, not silently ignored. */
static void only(const char *cmd, const struct args *a, const char *allowed)
{
	const struct { const char *name; bool given; } opts[] = {
		{ "json", a->table.json }, { "output", a->table.columns != NULL },
		{ "noheadings", a->table.noheadings }, { "raw", a->table.raw },
		{ "ns", a->ns != NULL }, { "from", a->from != NULL }, { "to", a->to != NULL },
		{ "all", a->all }, { "pids", a->pids != NULL }, { "type", a->type != NULL },
		{ "innermost-first", a->innermost_first }, { "no-exact", a->no_exact },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(opts); i++)
		if (opts[i].given && !has_word(allowed, opts[i].name))
			usage_error("--%s does not apply to '%s'", opts[i].name, cmd);
	if (a->table.json && a->table.raw)
		usage_error("--json and --raw exclude each other");
}

static void nargs(int have, int want)
{
	if (have < want)
		usage_error("missing argument");
	if (have > want)
		usage_error("too many arguments");
}

/* The usage of each command: what it takes, checked before anything runs. */
static void check_usage(const char *cmd, const struct args *a, int argc)
{
	if (!strcmp(cmd, "tree") || !strcmp(cmd, "ps")) {
		only(cmd, a, "json output noheadings raw ns");
		nargs(argc, 0);
	} else if (!strcmp(cmd, "ls")) {
		only(cmd, a, "json output noheadings raw type");
		nargs(argc, 0);
	} else if (!strcmp(cmd, "translate")) {
		only(cmd, a, "from to all");
		nargs(argc, 1);
		if (!a->from)
			usage_error("--from NS is required");
		if (a->all && a->to)
			usage_error("--all prints every level: it takes no --to");
	} else if (!strcmp(cmd, "set-last")) {
		only(cmd, a, "innermost-first no-exact");
		nargs(argc, 2);
	} else if (!strcmp(cmd, "spawn")) {
		only(cmd, a, "pids ns innermost-first");
		if (!a->pids)
			usage_error("--pids VECTOR is required");
		if (argc < 1)
			usage_error("no command to run (pidns spawn --pids ... CMD)");
	} else {
		command_name = NULL;
		usage_error("unknown command '%s'", cmd);
	}
}

/*
 * Output that did not reach its file is a failure, as in util-linux's
 * close_stdout(): "pidns tree >/dev/full" exits 1.
 */
static void close_stdout(void)
{
	bool failed = ferror(stdout);

	if (fclose(stdout) && errno != EBADF)
		failed = true;
	if (failed) {
		fprintf(stderr, "pidns: write error: %s\n", strerror(errno ? errno : EIO));
		_exit(1);
	}
}

int main(int argc, char **argv)
{
	struct args a = { 0 };
	const char *cmd;
	int first;

	atexit(close_stdout);
	escape_init();
	/* Options before the command, then the command word. */
	first = parse_options(argc, argv, true, &a);
	if (first >= argc)
		usage_error("no command given");
	cmd = command_name = argv[first];
	argc -= first;
	argv += first;
	/*
	 * Then its own options, anywhere among its words, except for spawn:
	 * CMD starts at the first word that is not an option, and what
	 * follows is CMD's ("spawn --pids 3 ls -h" runs "ls -h").
	 */
	first = parse_options(argc, argv, !strcmp(cmd, "spawn"), &a);
	argc -= first;
	argv += first;
	check_usage(cmd, &a, argc);

	/* spawn without --ns reads no /proc; everything else numbers with it. */
	if (strcmp(cmd, "spawn") || a.ns)
		proc_check_ours();
	memset(&counts, 0, sizeof(counts));

	if (!strcmp(cmd, "tree"))
		return cmd_tree(&a.table, a.ns);
	if (!strcmp(cmd, "ps"))
		return cmd_ps(&a.table, a.ns);
	if (!strcmp(cmd, "ls"))
		return cmd_ls(&a.table, a.type);
	if (!strcmp(cmd, "translate"))
		return cmd_translate(argv[0], a.from, a.to, a.all);
	if (!strcmp(cmd, "set-last"))
		return cmd_set_last(argv[0], argv[1], a.innermost_first, !a.no_exact);
	return cmd_spawn(a.pids, a.innermost_first, a.ns, argv);
}
