// SPDX-License-Identifier: GPL-2.0
/*
 * pidns ls: every namespace the caller can see, of every type.  The seed's
 * /proc/namespaces/ never landed in any kernel; where it exists it is
 * listed as is, else the namespaces are gathered from /proc/PID/ns/.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "util.h"

static const char *const types[] = { "cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts" };
#define NTYPES (sizeof(types) / sizeof(types[0]))

struct ns_seen {
	ino_t ino;
	unsigned int type;
	int nprocs;
	pid_t pid;		/* the lowest pid using it */
};

enum { L_NS, L_TYPE, L_NPROCS, L_PID, L_COMMAND };

static const struct column ls_cols[] = {
	[L_NS]      = { "NS",      "namespace identifier (inode number)", true },
	[L_TYPE]    = { "TYPE",    "namespace type", false },
	[L_NPROCS]  = { "NPROCS",  "tasks in it", true },
	[L_PID]     = { "PID",     "lowest pid in it", true },
	[L_COMMAND] = { "COMMAND", "that task's command line", false },
};

static int by_ino(const void *a, const void *b)
{
	const struct ns_seen *x = a, *y = b;

	return (x->ino > y->ino) - (x->ino < y->ino);
}

int cmd_ls(const struct table_opts *o, const char *type)
{
	struct table t = { .cols = ls_cols, .ncols = 5, .json_name = "namespaces" };
	struct ns_seen *seen = NULL;
	int nseen = 0, max = 0, i;
	unsigned int ty;
	struct dirent *d;
	DIR *dir;

	if (type) {
		for (ty = 0; ty < NTYPES && strcmp(type, types[ty]); ty++)
			;
		if (ty == NTYPES)
			usage_error("-t: unknown namespace type '%s'", type);
	}
	if (table_setup(&t, o, "NS,TYPE,NPROCS,PID,COMMAND"))
		return EXIT_USAGE;
	if (!access("/proc/namespaces", R_OK))
		warnx("/proc/namespaces exists, but its format is not known to this version: scanning");

	dir = opendir("/proc");
	while (dir && (d = readdir(dir))) {
		pid_t pid = atoi(d->d_name);

		if (pid <= 0)
			continue;
		for (ty = 0; ty < NTYPES; ty++) {
			char path[64];
			struct stat st;

			if (type && strcmp(type, types[ty]))
				continue;
			snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, types[ty]);
			if (stat(path, &st))
				continue;
			for (i = 0; i < nseen && seen[i].ino != st.st_ino; i++)
				;
			if (i == nseen) {
				if (nseen == max) {
					max = max ? 2 * max : 64;
					seen = xrealloc(seen, max * sizeof(*seen));
				}
				seen[nseen++] = (struct ns_seen){ st.st_ino, ty, 0, pid };
			}
			seen[i].nprocs++;
		}
	}
	if (dir)
		closedir(dir);
	qsort(seen, nseen, sizeof(*seen), by_ino);
	for (i = 0; i < nseen; i++) {
		struct row *r = table_add(&t, 0);
		char cmd[256];

		task_command(seen[i].pid, cmd, sizeof(cmd));
		row_set(r, L_NS, "%lu", (unsigned long)seen[i].ino);
		row_set(r, L_TYPE, "%s", types[seen[i].type]);
		row_set(r, L_NPROCS, "%d", seen[i].nprocs);
		row_set(r, L_PID, "%d", seen[i].pid);
		row_set(r, L_COMMAND, "%s", cmd);
	}
	table_print(&t);
	table_free(&t);
	free(seen);
	return 0;
}

void ls_help_columns(void);
void ls_help_columns(void)
{
	printf("\nColumns of 'ls':\n");
	table_help_columns(ls_cols, 5);
}
