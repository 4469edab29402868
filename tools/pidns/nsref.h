/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Naming a namespace on the command line (a pid, or a path to an nsfs
 * file), and what nsfs says about one: its parent, init and id.
 */
#ifndef PIDNS_NSREF_H
#define PIDNS_NSREF_H

#include <stdbool.h>
#include <sys/types.h>

struct nsref {
	int fd;			/* O_RDONLY, close-on-exec */
	ino_t ino;
	const char *arg;	/* as given, for messages */
};

/*
 * Open the namespace @arg names: a pid ("3": the pid namespace of task 3;
 * a number is always a pid) or a path (/proc/3/ns/pid, a bind mount).  It
 * must be a pid namespace.  On error prints why and exits 1 (2 for a
 * number that cannot be a pid).
 */
void nsref_open(const char *arg, struct nsref *ns);
void nsref_self(struct nsref *ns);
void nsref_close(struct nsref *ns);

/*
 * Stop with a message unless @ns is at or below the caller's namespace and
 * has a live init: a namespace held by an fd or a bind mount outlives its
 * init, and then nothing can be created in it.
 */
void nsref_require_live(const struct nsref *ns);

/* The parent of the namespace of @fd: its fd, or -1 (errno). */
int nsref_parent_fd(int fd);
/* Its init in our numbering; 0 if it has none; -1 if the kernel cannot say. */
pid_t nsref_init(int fd);
/* Its NS_GET_ID, or 0 where the kernel has no namespace ids. */
unsigned long long nsref_id(int fd);

#endif
