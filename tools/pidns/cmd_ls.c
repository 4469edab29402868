// SPDX-License-Identifier: GPL-2.0
/*
 * pidns ls: every namespace the caller can see, of every type.  Listed by
 * /proc/namespaces/ where a kernel has it, else by listns(2) (6.19), so
 * that namespaces no task is in (held by an fd or a bind mount) show too;
 * the tasks are counted in one pass over /proc/PID/ns/ either way.
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "inomap.h"
#include "nsfs_compat.h"
#include "nslist.h"
#include "nsref.h"
#include "proc.h"
#include "util.h"

static const struct {
	const char *name;
	int clone_flag;
} types[] = {
	{ "cgroup", CLONE_NEWCGROUP }, { "ipc", CLONE_NEWIPC }, { "mnt", CLONE_NEWNS },
	{ "net", CLONE_NEWNET }, { "pid", CLONE_NEWPID }, { "time", CLONE_NEWTIME },
	{ "user", CLONE_NEWUSER }, { "uts", CLONE_NEWUTS },
};
#define NTYPES ARRAY_SIZE(types)

struct ns_seen {
	ino_t ino;
	int type;
	int nprocs;
	pid_t pid;		/* the lowest pid using it; 0: none */
	unsigned long long id;
};

struct ls_state {
	struct ns_seen *seen;
	int n, max;
	struct inomap index;
	int only;		/* -t: a type's index, or -1 */
	bool ids;		/* -o ID */
};

enum { L_NS, L_TYPE, L_NPROCS, L_PID, L_COMMAND, L_ID };

static const struct column ls_cols[] = {
	[L_NS]      = { "NS",      "namespace identifier (inode number)", true },
	[L_TYPE]    = { "TYPE",    "namespace type", false },
	[L_NPROCS]  = { "NPROCS",  "tasks in it", true },
	[L_PID]     = { "PID",     "lowest pid in it", true },
	[L_COMMAND] = { "COMMAND", "that task's command line", false },
	[L_ID]      = { "ID",      "namespace id (NS_GET_ID, Linux 6.18)", true },
};
#define LS_NCOLS ARRAY_SIZE(ls_cols)

static struct ns_seen *seen_add(struct ls_state *s, ino_t ino, int type)
{
	int i = inomap_get(&s->index, ino);

	if (i < 0) {
		if (s->n == s->max) {
			s->max = s->max ? 2 * s->max : 64;
			s->seen = xrealloc(s->seen, s->max * sizeof(*s->seen));
		}
		i = s->n++;
		s->seen[i] = (struct ns_seen){ .ino = ino, .type = type };
		inomap_put(&s->index, ino, i);
	}
	return &s->seen[i];
}

static int type_of_flag(int flag)
{
	for (int t = 0; t < NTYPES; t++)
		if (types[t].clone_flag == flag)
			return t;
	return -1;
}

/* One listed namespace, from its fd. */
static void add_listed(void *arg, int fd)
{
	int type = type_of_flag(ioctl(fd, NS_GET_NSTYPE));
	struct ls_state *s = arg;
	struct stat st;

	if (type < 0 || fstat(fd, &st))
		return;
	seen_add(s, st.st_ino, type)->id = nsref_id(fd);
}

static bool count_task(void *arg, pid_t pid)
{
	struct ls_state *s = arg;
	char task[16];

	snprintf(task, sizeof(task), "%d", pid);
	for (int t = 0; t < NTYPES; t++) {
		struct ns_seen *ns;
		ino_t ino;

		if (s->only >= 0 && t != s->only)
			continue;
		ino = proc_ns_ino(task, types[t].name);
		if (!ino)
			continue;
		ns = seen_add(s, ino, t);
		if (!ns->nprocs++)
			ns->pid = pid;	/* /proc lists pids in ascending order */
		if (s->ids && !ns->id) {
			int fd = proc_ns_open(task, types[t].name);

			if (fd >= 0) {
				ns->id = nsref_id(fd);
				close(fd);
			}
		}
	}
	return true;
}

static int by_ino(const void *a, const void *b)
{
	const struct ns_seen *x = a, *y = b;

	return (x->ino > y->ino) - (x->ino < y->ino);
}

int cmd_ls(const struct table_opts *o, const char *type)
{
	struct table t = { .cols = ls_cols, .ncols = LS_NCOLS, .json_name = "namespaces" };
	struct ls_state s = { .only = -1 };
	const char *source = "the /proc scan";
	int i, listed;

	if (type) {
		for (s.only = 0; s.only < NTYPES && strcmp(type, types[s.only].name); s.only++)
			;
		if (s.only == NTYPES)
			usage_error("-t: unknown namespace type '%s'", type);
	}
	if (table_setup(&t, o, "NS,TYPE,NPROCS,PID,COMMAND"))
		return EXIT_USAGE;
	s.ids = table_selected(&t, L_ID);
	listed = s.only >= 0 ? types[s.only].clone_flag : 0;
	if (source_allowed("nsdir") && !nsdir_each(listed, add_listed, &s))
		source = "/proc/namespaces and the /proc scan";
	else if (source_allowed("listns") && !listns_each(listed, add_listed, &s))
		source = "listns(2) and the /proc scan";
	proc_for_each_pid(count_task, &s);
	verbose("source: %s; %ld tasks, %d namespaces; %ld ns links read", source, counts.tasks,
		s.n, counts.ns_links);

	qsort(s.seen, s.n, sizeof(*s.seen), by_ino);
	for (i = 0; i < s.n; i++) {
		struct row *r = table_add(&t, 0);
		char cmd[4096];

		row_set(r, L_NS, "%lu", (unsigned long)s.seen[i].ino);
		row_set(r, L_TYPE, "%s", types[s.seen[i].type].name);
		row_set(r, L_NPROCS, "%d", s.seen[i].nprocs);
		if (s.seen[i].pid) {
			task_command(s.seen[i].pid, cmd, sizeof(cmd));
			row_set(r, L_PID, "%d", s.seen[i].pid);
			row_set(r, L_COMMAND, "%s", cmd);
		}
		if (s.seen[i].id)
			row_set(r, L_ID, "%llu", s.seen[i].id);
	}
	table_print(&t);
	table_free(&t);
	free(s.seen);
	inomap_free(&s.index);
	return 0;
}

void ls_help_columns(void)
{
	printf("\nColumns of 'ls':\n");
	table_help_columns(ls_cols, LS_NCOLS);
}
