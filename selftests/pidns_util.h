/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the pid-namespace selftests: reading the NS* lines of
 * /proc/PID/status, clone3() with set_tid, and checks for code that runs in
 * forked children, where the harness' ASSERT_*() cannot be used: a child
 * reports what went wrong and exits non-zero, its parent asserts on that.
 */
#ifndef PIDNS_UTIL_H
#define PIDNS_UTIL_H

#include <stdio.h>
#include <stddef.h>
#include <sys/types.h>
#include <unistd.h>

/* MAX_PID_NS_LEVEL + 1: the most numbers a status line can hold. */
#define PIDNS_MAX_IDS 33

/* In a forked child: report and exit 1 unless @cond holds. */
#define CHILD_CHECK(cond, fmt, ...)						\
	do {									\
		if (!(cond)) {							\
			printf("# %s:%d: pid %d: check '%s' failed: " fmt "\n",	\
			       __FILE__, __LINE__, getpid(), #cond,		\
			       ##__VA_ARGS__);					\
			fflush(stdout);						\
			_exit(1);						\
		}								\
	} while (0)

int read_status_ids(const char *proc, const char *task, const char *key,
		    int *ids, int max);
int format_ids(char *buf, size_t size, const int *ids, int n);
int ids_equal(const int *got, int ngot, const int *want, int nwant);

pid_t clone3_set_tid(unsigned long long flags, const pid_t *set_tid,
		     size_t set_tid_size);
int wait_for_exit(pid_t pid);
int mount_proc(const char *dir);

#endif /* PIDNS_UTIL_H */
