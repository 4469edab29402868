// SPDX-License-Identifier: GPL-2.0
/*
 * pidns translate: "the container's log says pid 3: which host pid is it?"
 * With the nsfs ioctls of 6.11 (NS_GET_PID_FROM_PIDNS, NS_GET_PID_IN_PIDNS)
 * where the kernel has them, else from the NSpid: lines of /proc: those of
 * the processes, then those of their other threads.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "commands.h"
#include "nsfs_compat.h"
#include "nsload.h"
#include "nsref.h"
#include "proc.h"
#include "util.h"
#include "vector.h"

#define NSPID_MAX 40

struct from_search {
	int src;		/* the namespace's index in the model */
	int level;		/* and its level below ours */
	int nr;			/* the number sought there */
	pid_t found;		/* ours for it */
	pid_t *cand;		/* processes at or below src: their threads next */
	int ncand, maxcand;
};

static bool match(struct from_search *s, const char *task)
{
	int nr[NSPID_MAX], n = read_nspid(task, nr, NSPID_MAX);

	if (n > s->level && nr[s->level] == s->nr)
		s->found = nr[0];
	return n > s->level;
}

static bool process_matches(void *arg, struct nsmodel *m, pid_t pid, int i)
{
	struct from_search *s = arg;
	char task[16];

	if (!nsmodel_within(m, i, s->src))
		return true;
	snprintf(task, sizeof(task), "%d", pid);
	if (match(s, task) && !s->found) {
		if (s->ncand == s->maxcand) {
			s->maxcand = s->maxcand ? 2 * s->maxcand : 64;
			s->cand = xrealloc(s->cand, s->maxcand * sizeof(*s->cand));
		}
		s->cand[s->ncand++] = pid;
	}
	return !s->found;
}

static bool thread_matches(void *arg, pid_t pid, pid_t tid)
{
	char task[32];

	snprintf(task, sizeof(task), "%d/task/%d", pid, tid);
	match(arg, task);
	return !((struct from_search *)arg)->found;
}

/* Our number for the task numbered @nr in @src, by NSpid:; 0 if none. */
static pid_t scan_from(const struct nsref *src, int nr)
{
	struct from_search s = { .nr = nr };
	struct nsmodel m;

	nsmodel_init(&m);
	s.src = nsmodel_add_fd(&m, src->fd);
	if (s.src < 0 || m.ns[s.src].level < 0)
		fatal("%s: not a pid namespace at or below ours", src->arg);
	s.level = m.ns[s.src].level;
	nsmodel_scan(&m, process_matches, &s);
	/* A thread's id is in its status file only, under its process. */
	for (int k = 0; k < s.ncand && !s.found; k++)
		proc_for_each_thread(s.cand[k], thread_matches, &s);
	verbose("source: the /proc scan (NSpid: lines); %ld tasks; %ld ns links read, %ld status files read",
		counts.tasks, counts.ns_links, counts.status_reads);
	free(s.cand);
	nsmodel_free(&m);
	return s.found;
}

static pid_t from_ns(const struct nsref *src, int nr)
{
	if (source_allowed("pid-ioctls")) {
		pid_t ours = ioctl(src->fd, NS_GET_PID_FROM_PIDNS, nr);

		if (ours > 0 || errno == ESRCH) {
			verbose("source: NS_GET_PID_FROM_PIDNS");
			return ours > 0 ? ours : 0;
		}
	}
	return scan_from(src, nr);
}

/* The number of our task @ours in @dst; 0 if it has none there. */
static pid_t to_ns(const struct nsref *dst, pid_t ours)
{
	int nr[NSPID_MAX], n, d, t, fd;
	struct nsmodel m;
	char task[16];
	pid_t result = 0;

	if (source_allowed("pid-ioctls")) {
		result = ioctl(dst->fd, NS_GET_PID_IN_PIDNS, ours);
		if (result > 0 || errno == ESRCH) {
			verbose("source: NS_GET_PID_IN_PIDNS");
			return result > 0 ? result : 0;
		}
		result = 0;
	}
	verbose("source: the NSpid: line of %d", ours);
	nsmodel_init(&m);
	d = nsmodel_add_fd(&m, dst->fd);
	snprintf(task, sizeof(task), "%d", ours);
	fd = proc_ns_open(task, "pid");
	t = fd >= 0 ? nsmodel_add_fd(&m, fd) : -1;
	if (fd >= 0)
		close(fd);
	if (d >= 0 && t >= 0 && m.ns[d].level >= 0 && nsmodel_within(&m, t, d)) {
		n = read_nspid(task, nr, NSPID_MAX);
		if (n > m.ns[d].level)
			result = nr[m.ns[d].level];
	}
	nsmodel_free(&m);
	return result;
}

/*
 * A namespace to number in must be ours or below it, whichever way answers:
 * the ioctl would number a pid in an ancestor too, the NSpid: line cannot,
 * and the answer must not depend on the way taken.
 */
static void require_at_or_below_ours(const struct nsref *ns, const char *arg)
{
	struct nsmodel m;
	int i;

	nsmodel_init(&m);
	i = nsmodel_add_fd(&m, ns->fd);
	if (i < 0 || m.ns[i].level < 0)
		fatal("%s: not our pid namespace or one below it", arg);
	nsmodel_free(&m);
}

int cmd_translate(const char *pid_arg, const char *from, const char *to, bool all)
{
	struct nsref src, dst = { .fd = -1 };
	pid_t ours, result;
	long nr;

	if (parse_int(pid_arg, 1, PID_NUMBER_MAX, &nr))
		usage_error("'%s' is not a pid", pid_arg);
	nsref_open(from, &src);
	if (to) {
		nsref_open(to, &dst);
		require_at_or_below_ours(&dst, to);
	}

	ours = from_ns(&src, nr);
	if (!ours) {
		/* Say why, if the namespace is the reason. */
		nsref_require_live(&src);
		fatal("pid %ld does not exist in namespace %s (or is not visible from ours)", nr, from);
	}
	if (all) {
		int v[NSPID_MAX], n = read_nspid_of(ours, v, NSPID_MAX);
		char vec[400];

		if (n <= 0)
			fatal("pid %ld of %s has exited", nr, from);
		vector_format(vec, sizeof(vec), v, n);
		printf("%s\n", vec);
		return 0;
	}
	if (!to) {
		printf("%d\n", ours);
		return 0;
	}
	result = to_ns(&dst, ours);
	if (result <= 0)
		fatal("pid %ld of %s is not visible in namespace %s", nr, from, to);
	printf("%d\n", result);
	nsref_close(&src);
	nsref_close(&dst);
	return 0;
}
