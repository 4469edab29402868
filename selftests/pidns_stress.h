/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pidns_stress: what its parts share.  pidns_stress.c runs the workers and
 * judges the run, pidns_stress_writers.c creates and destroys namespaces,
 * pidns_stress_readers.c reads what the series shows of them meanwhile.
 *
 * Every worker is a forked process, so that it may unshare() what it
 * likes; they count into one shared struct stress_counts.
 */
#ifndef __PIDNS_STRESS_H
#define __PIDNS_STRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* MAX_PID_NS_LEVEL: the deepest pid namespace, 32 below the initial one. */
#define STRESS_MAX_LEVEL 32

enum stress_ns_type { T_CGROUP, T_IPC, T_MNT, T_NET, T_PID, T_TIME, T_USER, T_UTS, NS_TYPES };

struct stress_counts {
	/* writers */
	long pid_ns;			/* pid namespaces created */
	long chains;			/* chains of nested ones */
	long deepest;			/* deepest level reached */
	long level_limit;		/* times a 33rd level failed with ENOSPC */
	long init_gone_early;		/* inits that exited with their namespace in use */
	long other_ns[NS_TYPES];	/* namespaces of the other types created */
	long held_by_fd;		/* of which held only by an fd for a while */
	/* readers */
	long hier_reads, hier_lines, hier_max_level, hier_child_reads;
	long dir_passes, dir_entries, dir_resumes, names_reused, opens, opens_gone;
	long gets, sets, sets_gone;
	/* what went wrong: each is also printed, the first few times */
	long writer_errors, hier_bad, dir_bad, setget_bad;
};

struct stress {
	struct stress_counts *counts;	/* shared by every worker */
	struct timespec deadline;	/* CLOCK_MONOTONIC */
	const char *dir;		/* scratch directory for proc mounts */
	int max_depth;
	bool has_nsdir;			/* /proc/namespaces */
	bool has_vec;			/* NS_GET_LAST_PID_VEC on nsfs */
	bool has_hierarchy;		/* /proc/pidns_hierarchy */
};

static inline void count(long *counter, long n)
{
	__atomic_add_fetch(counter, n, __ATOMIC_RELAXED);
}

static inline void count_max(long *counter, long value)
{
	long old = __atomic_load_n(counter, __ATOMIC_RELAXED);

	while (value > old &&
	       !__atomic_compare_exchange_n(counter, &old, value, false,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

bool stress_running(const struct stress *s);
/* Report a failed check, the first few times; count it in @counter. */
void stress_fail(long *counter, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Each runs in a forked worker until the deadline, then returns. */
void stress_nest_pid(struct stress *s, uint64_t seed);
void stress_other_types(struct stress *s, uint64_t seed);
void stress_read_hierarchy(struct stress *s, uint64_t seed, int worker);
void stress_read_hierarchy_in_child(struct stress *s, uint64_t seed);
void stress_walk_nsdir(struct stress *s, uint64_t seed);
void stress_set_get(struct stress *s, uint64_t seed);

/* Well-formedness of a /proc/pidns_hierarchy snapshot; lines via @lines. */
bool stress_hierarchy_ok(const char *text, size_t len, int max_level, long *lines,
			 int *max_seen, char *why, size_t why_size);

#endif
