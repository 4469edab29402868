// SPDX-License-Identifier: GPL-2.0
/* pidns tree, pidns ps: the namespaces below NS, and their tasks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "nsload.h"
#include "nsref.h"
#include "util.h"
#include "vector.h"

#define COMMAND_MAX 4096

int table_setup(struct table *t, const struct table_opts *o, const char *defaults)
{
	t->json = o->json;
	t->raw = o->raw;
	t->noheadings = o->noheadings;
	return table_select(t, o->columns ? o->columns : defaults);
}

/*
 * The namespace --ns names (ours without it), checked before anything is
 * read: one at or below ours, with a live init.
 */
static void open_top(const char *arg, struct nsref *top)
{
	if (!arg) {
		nsref_self(top);
		return;
	}
	nsref_open(arg, top);
	nsref_require_live(top);
}

enum { T_NS, T_PNS, T_LEVEL, T_INIT, T_NPROCS, T_COMMAND, T_ID };

static const struct column tree_cols[] = {
	[T_NS]      = { "NS",      "namespace identifier (inode number)", true },
	[T_PNS]     = { "PNS",     "parent namespace identifier (inode number)", true },
	[T_LEVEL]   = { "LEVEL",   "level below NS", true },
	[T_INIT]    = { "INIT",    "the namespace's init, as we number it", true },
	[T_NPROCS]  = { "NPROCS",  "tasks in the namespace (not below it)", true },
	[T_COMMAND] = { "COMMAND", "the init's command line", false },
	[T_ID]      = { "ID",      "namespace id (NS_GET_ID, Linux 6.18)", true },
};
#define TREE_NCOLS ARRAY_SIZE(tree_cols)

static void tree_rows(struct table *t, const struct nsmodel *m, int i, int depth)
{
	const struct pidns *ns = &m->ns[i];
	struct row *r = table_add(t, depth);

	row_set(r, T_NS, "%lu", (unsigned long)ns->ino);
	/* 0 where the parent is out of our sight, as lsns(8) prints it. */
	row_set(r, T_PNS, "%lu", ns->parent >= 0 ? (unsigned long)m->ns[ns->parent].ino : 0UL);
	row_set(r, T_LEVEL, "%d", depth);
	if (ns->init > 0) {
		char cmd[COMMAND_MAX];

		row_set(r, T_INIT, "%d", ns->init);
		task_command(ns->init, cmd, sizeof(cmd));
		row_set(r, T_COMMAND, "%s", cmd);
	}
	row_set(r, T_NPROCS, "%d", ns->nprocs);
	if (ns->id)
		row_set(r, T_ID, "%llu", ns->id);
	for (i = ns->first_child; i >= 0; i = m->ns[i].next_sibling)
		tree_rows(t, m, i, depth + 1);
}

int cmd_tree(const struct table_opts *o, const char *ns_arg)
{
	struct table t = { .cols = tree_cols, .ncols = TREE_NCOLS, .tree = true,
			   .json_name = "pidnamespaces" };
	unsigned int flags = 0;
	struct nsmodel m;
	struct nsref top;
	int i, known;

	if (table_setup(&t, o, "NS,LEVEL,INIT,COMMAND"))
		return EXIT_USAGE;
	open_top(ns_arg, &top);
	/* Without NPROCS there is no need to visit the tasks at all. */
	if (table_selected(&t, T_NPROCS))
		flags |= LOAD_COUNT;
	if (table_selected(&t, T_ID))
		flags |= LOAD_IDS;
	nsmodel_load(&m, flags, NULL, NULL);
	known = m.n;
	/* A namespace born after the listing: placed from its fd. */
	i = nsmodel_add_fd(&m, top.fd);
	nsref_close(&top);
	if (i < 0 || m.ns[i].level < 0 || m.ns[i].init <= 0)
		fatal("%s: gone while it was read", ns_arg ? ns_arg : "our namespace");
	if (m.n != known)
		nsmodel_link(&m);
	tree_rows(&t, &m, i, 0);
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
	[P_NSPID]   = { "NSPID",   "its pids from our namespace inwards (NSpid:), ','-separated", false },
	[P_COMMAND] = { "COMMAND", "its command line", false },
};
#define PS_NCOLS ARRAY_SIZE(ps_cols)

struct ps_pass {
	struct table *t;
	ino_t top;
};

static bool ps_row(void *arg, struct nsmodel *m, pid_t pid, int i)
{
	struct ps_pass *p = arg;
	int top = nsmodel_find(m, p->top), nr[40], n;
	char vec[400], cmd[COMMAND_MAX];
	struct row *r;

	if (top < 0 || !nsmodel_within(m, i, top))
		return true;
	n = read_nspid_of(pid, nr, 40);
	if (n <= 0)
		return true;	/* exited */
	vector_format(vec, sizeof(vec), nr, n);
	task_command(pid, cmd, sizeof(cmd));
	r = table_add(p->t, 0);
	row_set(r, P_PID, "%d", pid);
	row_set(r, P_NS, "%lu", (unsigned long)m->ns[i].ino);
	row_set(r, P_LEVEL, "%d", m->ns[i].level);
	row_set(r, P_NSPID, "%s", vec);
	row_set(r, P_COMMAND, "%s", cmd);
	return true;
}

int cmd_ps(const struct table_opts *o, const char *ns_arg)
{
	struct table t = { .cols = ps_cols, .ncols = PS_NCOLS, .json_name = "tasks" };
	struct ps_pass pass = { .t = &t };
	struct nsmodel m;
	struct nsref top;

	if (table_setup(&t, o, "PID,NS,LEVEL,NSPID,COMMAND"))
		return EXIT_USAGE;
	open_top(ns_arg, &top);
	pass.top = top.ino;
	nsref_close(&top);
	nsmodel_load(&m, 0, ps_row, &pass);
	table_print(&t);
	table_free(&t);
	nsmodel_free(&m);
	return 0;
}

void tree_help_columns(void)
{
	printf("\nColumns of 'tree':\n");
	table_help_columns(tree_cols, TREE_NCOLS);
	printf("\nColumns of 'ps':\n");
	table_help_columns(ps_cols, PS_NCOLS);
}
