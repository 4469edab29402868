// SPDX-License-Identifier: GPL-2.0
/* pidns tree, pidns ps: the namespaces below NS, and their tasks. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "nsmodel.h"
#include "nsref.h"
#include "util.h"

int table_setup(struct table *t, const struct table_opts *o, const char *defaults)
{
	t->json = o->json;
	t->raw = o->raw;
	t->noheadings = o->noheadings;
	return table_select(t, o->columns ? o->columns : defaults);
}

/* The model and the index of NS in it (the caller's own without --ns). */
static int load_at(struct nsmodel *m, const char *ns)
{
	struct nsref ref;
	int top = 0;

	nsmodel_load(m);
	if (!ns)
		return 0;
	nsref_open(ns, &ref);
	top = nsmodel_find(m, ref.ino);
	nsref_close(&ref);
	if (top < 0)
		fatal("%s: not a pid namespace at or below ours", ns);
	return top;
}

enum { T_NS, T_PNS, T_LEVEL, T_INIT, T_NPROCS, T_COMMAND };

static const struct column tree_cols[] = {
	[T_NS]      = { "NS",      "namespace identifier (inode number)", true },
	[T_PNS]     = { "PNS",     "parent namespace identifier (inode number)", true },
	[T_LEVEL]   = { "LEVEL",   "level below NS", true },
	[T_INIT]    = { "INIT",    "the namespace's init, as we number it", true },
	[T_NPROCS]  = { "NPROCS",  "tasks in the namespace (not below it)", true },
	[T_COMMAND] = { "COMMAND", "the init's command line", false },
};

static void tree_rows(struct table *t, const struct nsmodel *m, int i, int depth)
{
	const struct pidns *ns = &m->ns[i];
	struct row *r = table_add(t, depth);
	char cmd[256];

	row_set(r, T_NS, "%lu", (unsigned long)ns->ino);
	/* 0 where the parent is out of our sight, as lsns(8) prints it. */
	row_set(r, T_PNS, "%lu", ns->parent >= 0 ? (unsigned long)m->ns[ns->parent].ino : 0UL);
	row_set(r, T_LEVEL, "%d", depth);
	if (ns->init > 0) {
		row_set(r, T_INIT, "%d", ns->init);
		task_command(ns->init, cmd, sizeof(cmd));
		row_set(r, T_COMMAND, "%s", cmd);
	}
	row_set(r, T_NPROCS, "%d", ns->nprocs);
	for (i = ns->first_child; i >= 0; i = m->ns[i].next_sibling)
		tree_rows(t, m, i, depth + 1);
}

int cmd_tree(const struct table_opts *o, const char *ns)
{
	struct table t = { .cols = tree_cols, .ncols = 6, .tree = true,
			   .json_name = "pidnamespaces" };
	struct nsmodel m;
	int top;

	if (table_setup(&t, o, "NS,LEVEL,INIT,NPROCS,COMMAND"))
		return EXIT_USAGE;
	top = load_at(&m, ns);
	tree_rows(&t, &m, top, 0);
	table_print(&t);
	table_free(&t);
	nsmodel_free(&m);
	return 0;
}

enum { P_PID, P_NS, P_LEVEL, P_NSPID, P_COMMAND };

static const struct column ps_cols[] = {
	[P_PID]     = { "PID",     "pid, as we number it", true },
	[P_NS]      = { "NS",      "its pid namespace (inode number)", true },
	[P_LEVEL]   = { "LEVEL",   "that namespace's level below ours", true },
	[P_NSPID]   = { "NSPID",   "its pids from our namespace inwards (NSpid:), comma-separated", false },
	[P_COMMAND] = { "COMMAND", "its command line", false },
};

int cmd_ps(const struct table_opts *o, const char *ns)
{
	struct table t = { .cols = ps_cols, .ncols = 5, .json_name = "tasks" };
	struct nsmodel m;
	struct dirent *d;
	DIR *dir;
	int top;

	if (table_setup(&t, o, "PID,NS,LEVEL,NSPID,COMMAND"))
		return EXIT_USAGE;
	top = load_at(&m, ns);
	dir = opendir("/proc");
	while (dir && (d = readdir(dir))) {
		int nr[40], n, i, k, len = 0;
		char vec[400], cmd[256];
		pid_t pid = atoi(d->d_name);
		struct row *r;

		if (pid <= 0)
			continue;
		i = nsmodel_find(&m, pidns_ino_of(pid));
		n = read_nspid(pid, nr, 40);
		if (i < 0 || n <= 0 || !nsmodel_within(&m, i, top))
			continue;
		for (k = 0; k < n; k++)
			len += snprintf(vec + len, sizeof(vec) - len, "%s%d", k ? "," : "", nr[k]);
		task_command(pid, cmd, sizeof(cmd));
		r = table_add(&t, 0);
		row_set(r, P_PID, "%d", pid);
		row_set(r, P_NS, "%lu", (unsigned long)m.ns[i].ino);
		row_set(r, P_LEVEL, "%d", m.ns[i].level);
		row_set(r, P_NSPID, "%s", vec);
		row_set(r, P_COMMAND, "%s", cmd);
	}
	if (dir)
		closedir(dir);
	table_print(&t);
	table_free(&t);
	nsmodel_free(&m);
	return 0;
}

void tree_help_columns(void);
void tree_help_columns(void)
{
	printf("\nColumns of 'tree':\n");
	table_help_columns(tree_cols, 6);
	printf("\nColumns of 'ps':\n");
	table_help_columns(ps_cols, 5);
}
