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

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
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
	long forks_refused_dying;	/* ENOMEM below an init that left */
	/* readers */
	long hier_reads, hier_lines, hier_max_level, hier_child_reads, hier_exact;
	long dir_passes, dir_entries, dir_resumes, names_reused, opens, opens_gone;
	long anchors_found;		/* fd-held namespaces each pass had to list */
	long gets, sets, sets_gone;
	/* what went wrong: each is also printed, the first few times */
	long writer_errors, hier_bad, dir_bad, setget_bad;
	long fails_printed;
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

#define NSDIR "/proc/namespaces"

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
/* Set up by main before the workers start: where stress_fail() counts. */
extern struct stress_counts *stress_shared;
/* Report a failed check, the first few times; count it in @counter. */
void stress_fail(long *counter, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Each runs in a forked worker until the deadline, then returns. */
void stress_nest_pid(struct stress *s, uint64_t seed);
void stress_other_types(struct stress *s, uint64_t seed);
void stress_read_hierarchy(struct stress *s, uint64_t seed, int worker);
void stress_read_hierarchy_in_child(struct stress *s, uint64_t seed);
void stress_walk_nsdir(struct stress *s, uint64_t seed);
void stress_set_get(struct stress *s, uint64_t seed);

/* One line of /proc/pidns_hierarchy. */
struct hier_line {
	unsigned long long init, parent, level, id;
};

/*
 * Parse and check a /proc/pidns_hierarchy snapshot into @lines (room for
 * @capacity); the number of lines, or -1 with the reason in @why.
 */
long stress_parse_hierarchy(const char *text, size_t len, int max_level,
			    struct hier_line *lines, size_t capacity, char *why, size_t why_size);
/* The parser must refuse what the format forbids: false if it does not. */
bool stress_parser_refuses_bad_input(void);

/*
 * The next record of a getdents64() buffer of @n bytes at *@off, or NULL
 * at its end or, with *@bad set, at a record that does not fit in it.
 */
static inline struct dirent64 *stress_next_dirent(char *buf, long n, long *off, bool *bad)
{
	const long name_at = offsetof(struct dirent64, d_name);
	struct dirent64 *d = (struct dirent64 *)(buf + *off);

	if (*off >= n)
		return NULL;
	if (n - *off <= name_at || d->d_reclen <= name_at || d->d_reclen > n - *off ||
	    !memchr(d->d_name, 0, d->d_reclen - name_at)) {
		*bad = true;
		return NULL;
	}
	*off += d->d_reclen;
	return d;
}

#endif
