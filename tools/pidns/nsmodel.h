/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pid namespaces at and below the caller's, with their tasks: from
 * /proc/pidns_hierarchy where the kernel (or pidns.ko) has it, else from a
 * scan of /proc/PID/ns/pid and NS_GET_PARENT.  Both give the same model.
 */
#ifndef PIDNS_NSMODEL_H
#define PIDNS_NSMODEL_H

#include <stdbool.h>
#include <sys/types.h>

struct pidns {
	ino_t ino;
	int parent;		/* index, -1 for the caller's own namespace */
	int level;		/* below the caller's namespace */
	pid_t init;		/* in the caller's numbering; 0 if unknown */
	int nprocs;		/* tasks whose pid namespace this is */
	int first_child, next_sibling;	/* by ascending init */
	bool listed;		/* named by /proc/pidns_hierarchy */
};

struct nsmodel {
	struct pidns *ns;	/* [0] is the caller's namespace */
	int n, max;
	const char *source;	/* "/proc/pidns_hierarchy" or "scan" */
};

void nsmodel_load(struct nsmodel *m);
int nsmodel_find(const struct nsmodel *m, ino_t ino);
/* Whether @i is @top or below it. */
int nsmodel_within(const struct nsmodel *m, int i, int top);
void nsmodel_free(struct nsmodel *m);

#endif
