/* SPDX-License-Identifier: GPL-2.0 */
/* Naming a namespace on the command line: a pid, or a path to an nsfs file. */
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
 * Open the namespace @arg names: a pid ("3": the pid namespace of task 3)
 * or a path (/proc/3/ns/pid, a bind mount).  It must be a pid namespace.
 * On error prints why and exits 1.
 */
void nsref_open(const char *arg, struct nsref *ns);
void nsref_self(struct nsref *ns);
void nsref_close(struct nsref *ns);

/* The inode of the pid namespace of @pid, or 0. */
ino_t pidns_ino_of(pid_t pid);

/* The parent of the namespace of @fd: its fd, or -1 (errno). */
int nsref_parent_fd(int fd);

#endif
