/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Filling a struct nsmodel.  The namespaces come from the first source
 * the kernel offers:
 *
 *   /proc/pidns_hierarchy   the series, or pidns.ko: the tree in one read;
 *   /proc/namespaces/       a directory of nsfs files, where a kernel has it;
 *   listns(2)               6.19: the ids, opened by nsfs file handle;
 *   the /proc scan          one pass over /proc: the pid namespace link of
 *                           every process, and for each namespace met for
 *                           the first time NS_GET_PARENT up to ours.
 *
 * The tasks are counted (and handed to a visitor) in one pass over /proc
 * too, the scan's own pass when the scan is the source: O(tasks +
 * namespaces), one readlink per task, and no status file read unless the
 * kernel is older than 6.11 and has no other way to name an init.
 */
#ifndef PIDNS_NSLOAD_H
#define PIDNS_NSLOAD_H

#include <stdbool.h>
#include <sys/types.h>

#include "nsmodel.h"

enum {
	LOAD_COUNT = 1,		/* nprocs of every namespace */
	LOAD_IDS = 2,		/* the id of every namespace */
};

/* Called for each task, once its namespace @ns is in @m; false stops the pass. */
typedef bool (*task_visit_fn)(void *arg, struct nsmodel *m, pid_t pid, int ns);

void nsmodel_load(struct nsmodel *m, unsigned int flags, task_visit_fn fn, void *arg);

/*
 * The pass alone, over a model already started: every task's namespace
 * added to @m, @fn called.  Whether it went through (was not stopped).
 */
bool nsmodel_scan(struct nsmodel *m, task_visit_fn fn, void *arg);

/* /proc/pidns_hierarchy (nssource_hierarchy.c): 0 if it answered, else -1. */
int source_hierarchy(struct nsmodel *m);

#endif
