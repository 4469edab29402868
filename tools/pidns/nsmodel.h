/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pid namespaces at and below the caller's, with their tasks: where
 * each sits, its init, its id.  nsload.c fills it from the best source the
 * kernel offers; every source gives the same model.
 */
#ifndef PIDNS_NSMODEL_H
#define PIDNS_NSMODEL_H

#include <stdbool.h>
#include <sys/types.h>

#include "inomap.h"

struct pidns {
	ino_t ino;
	unsigned long long id;	/* NS_GET_ID; 0 where the kernel has none */
	int parent;		/* index; -1 for the caller's and those outside it */
	int level;		/* below the caller's namespace; -1: not at or below it */
	pid_t init;		/* in the caller's numbering; 0: none (yet) */
	bool init_known;	/* init found, or known to have exited */
	int nprocs;		/* tasks whose pid namespace this is */
	int first_child, next_sibling;	/* by ascending init; after nsmodel_link() */
};

struct nsmodel {
	struct pidns *ns;	/* [0] is the caller's namespace */
	int n, max;
	struct inomap index;
	const char *source;	/* which source answered, for --verbose */
};

/* A model that holds the caller's namespace only. */
void nsmodel_init(struct nsmodel *m);
int nsmodel_find(const struct nsmodel *m, ino_t ino);
/*
 * The index of @ino, added (no parent, level -1, init unknown) if new.
 * It may move m->ns: take no pointer into it across the call.
 */
int nsmodel_add(struct nsmodel *m, ino_t ino);
/*
 * The index of the namespace of nsfs @fd, added with its ancestors
 * (NS_GET_PARENT) up to ours, its init (NS_GET_PID_FROM_PIDNS) and id
 * (NS_GET_ID) if new; -1 if @fd is not usable.
 */
int nsmodel_add_fd(struct nsmodel *m, int fd);
/* Whether @i is @top or below it. */
bool nsmodel_within(const struct nsmodel *m, int i, int top);
/* Children lists, by ascending init, of the namespaces with a live init. */
void nsmodel_link(struct nsmodel *m);
void nsmodel_free(struct nsmodel *m);

#endif
