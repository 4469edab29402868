// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/pidns_hierarchy: "<init_PID> <parent_init_PID> <relative_level>"
 * and, since the 7.3 series, " <ns_id>"; later kernels may add fields,
 * which are ignored.  Lines come depth first, parents before children, so
 * a namespace's parent is the last one read at the level above.  The
 * PIDNS_HIERARCHY environment variable names another file, for tests.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nsload.h"
#include "nsref.h"
#include "proc.h"
#include "util.h"

#define MAX_LEVEL 32	/* MAX_PID_NS_LEVEL */

/*
 * The namespace of @init, if it still is the one the line names, as one fd
 * read once: with an id, NS_GET_ID must agree, and its parent must be the
 * namespace the line puts above it (@parent_ino), since a pid can have been
 * reused since the read, and the file can be another (PIDNS_HIERARCHY).
 * Its inode number, or 0.
 */
static ino_t line_namespace(pid_t init, unsigned long long id, ino_t parent_ino)
{
	unsigned long long now;
	char task[16];
	struct stat st, pst;
	int fd, pfd;
	ino_t ino = 0;

	snprintf(task, sizeof(task), "%d", init);
	fd = proc_ns_open(task, "pid");
	if (fd < 0)
		return 0;
	now = id ? nsref_id(fd) : 0;
	pfd = nsref_parent_fd(fd);
	if ((!now || now == id) && pfd >= 0 && !fstat(fd, &st) && !fstat(pfd, &pst) &&
	    pst.st_ino == parent_ino)
		ino = st.st_ino;
	if (pfd >= 0)
		close(pfd);
	close(fd);
	return ino;
}

int source_hierarchy(struct nsmodel *m)
{
	const char *path = secure_getenv("PIDNS_HIERARCHY");
	int at_level[MAX_LEVEL + 1], ret = 0;
	char *line = NULL;
	size_t cap = 0;
	FILE *f;

	if (!path)
		path = "/proc/pidns_hierarchy";
	f = fopen(path, "re");
	if (!f) {
		verbose("%s: %s", path, strerror(errno));
		return -1;
	}
	/* at_level[l]: the latest namespace read at level l; -1 when it is gone. */
	for (int l = 1; l <= MAX_LEVEL; l++)
		at_level[l] = -1;
	at_level[0] = 0;
	while (getline(&line, &cap, f) > 0) {
		unsigned long long id = 0;
		int init, parent_init, fields, i, parent;
		unsigned int level;
		ino_t ino;

		fields = sscanf(line, "%d %d %u %llu", &init, &parent_init, &level, &id);
		if (fields < 3 || init < 1 || level < 1 || level > MAX_LEVEL) {
			verbose("%s: not understood: %s", path, line);
			ret = -1;
			break;
		}
		parent = at_level[level - 1];
		at_level[level] = -1;
		if (parent < 0)
			continue;	/* below one gone since the read */
		if (m->ns[parent].init != parent_init) {
			verbose("%s: %d's parent is not %d", path, init, parent_init);
			ret = -1;
			break;
		}
		ino = line_namespace(init, fields > 3 ? id : 0, m->ns[parent].ino);
		if (!ino)
			continue;	/* gone, or another one, since the read */
		if (nsmodel_find(m, ino) >= 0) {
			/* Met twice: the file is not a tree of this kernel's. */
			verbose("%s: the namespace of %d is listed twice", path, init);
			ret = -1;
			break;
		}
		i = nsmodel_add(m, ino);
		m->ns[i].parent = parent;
		m->ns[i].level = level;
		m->ns[i].init = init;
		m->ns[i].init_known = true;
		m->ns[i].id = fields > 3 ? id : 0;
		at_level[level] = i;
	}
	free(line);
	fclose(f);
	return ret;
}
