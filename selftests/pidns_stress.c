// SPDX-License-Identifier: GPL-2.0
/*
 * Churn stress of the interfaces the series adds, for a fixed time:
 *
 *	pidns_stress [-t SECONDS] [-s SEED] [-d DEPTH]
 *
 * Writers create and destroy chains of nested pid namespaces down to
 * DEPTH (32, the kernel's limit, by default) and namespaces of every other
 * type; readers meanwhile read /proc/pidns_hierarchy through several proc
 * mounts and from a child pid namespace, list and open /proc/namespaces,
 * and GET and SET ns_last_pid vectors.  At the end every read must have
 * parsed, and the live namespaces, counted by listns(2) and by
 * /proc/namespaces, must be back to what they were.  What the kernel lacks
 * is skipped.  TAP; the kernel log is judged by the VM's verdict.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/nsfs.h>
#include <linux/pidns.h>

#include "pidns_stress.h"

#ifndef __NR_listns
#define __NR_listns 470
#endif

#define GRACE_SECONDS 60	/* for the workers to finish after the deadline */
#define SETTLE_SECONDS 30	/* for the namespaces they leave to go */

struct stress_counts *stress_shared;

bool stress_running(const struct stress *s)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec < s->deadline.tv_sec ||
	       (now.tv_sec == s->deadline.tv_sec && now.tv_nsec < s->deadline.tv_nsec);
}

void stress_fail(long *counter, const char *fmt, ...)
{
	va_list ap;

	count(counter, 1);
	/* Shared, so that a failure every chain process repeats prints ten times, not ten each. */
	if (__atomic_fetch_add(&stress_shared->fails_printed, 1, __ATOMIC_RELAXED) >= 10)
		return;
	va_start(ap, fmt);
	printf("# FAIL pid %d: ", getpid());
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
}

/* ---- counting the live namespaces ------------------------------------------ */

/* listns(2) pages: resuming after the last id there is gives ENOENT, not 0. */
static long count_by_listns(void)
{
	struct ns_id_req req = { .size = sizeof(req) };
	__u64 ids[256];
	long total = 0, n;

	for (;;) {
		n = syscall(__NR_listns, &req, ids, 256, 0);
		if (n < 0 && errno == ENOENT && req.ns_id)
			return total;
		if (n < 0)
			return -1;
		total += n;
		if (n < 256)
			return total;
		req.ns_id = ids[n - 1];
	}
}

static long count_by_nsdir(void)
{
	char buf[8192] __attribute__((aligned(8)));
	int dir = open(NSDIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	long n, off, total = 0;

	bool bad = false;
	struct dirent64 *d;

	if (dir < 0)
		return -1;
	while ((n = syscall(SYS_getdents64, dir, buf, sizeof(buf))) > 0)
		for (off = 0; (d = stress_next_dirent(buf, n, &off, &bad));)
			total += d->d_name[0] != '.';
	close(dir);
	return n < 0 || bad ? -1 : total;
}

/*
 * Namespaces of tasks that just exited may still be going: wait until both
 * counts hold still for 200 ms, or, with @want, until they are back there.
 */
static bool settle(long *listns, long *nsdir, const long *want)
{
	long l = -2, d = -2;
	int i;

	for (i = 0; i < SETTLE_SECONDS * 10; i++) {
		long l2 = count_by_listns(), d2 = count_by_nsdir();

		if (want ? l2 == want[0] && d2 == want[1] : l2 == l && d2 == d) {
			*listns = l2;
			*nsdir = d2;
			return true;
		}
		l = l2;
		d = d2;
		usleep(100000);
	}
	*listns = l;
	*nsdir = d;
	return false;
}

/* ---- the workers ------------------------------------------------------------ */

enum worker_kind { W_NEST, W_OTHERS, W_HIER, W_HIER_CHILD, W_NSDIR, W_SETGET };

static const struct {
	enum worker_kind kind;
	int instance;
	const char *name;
} workers[] = {
	{ W_NEST, 0, "pid nester 0" }, { W_NEST, 1, "pid nester 1" },
	{ W_OTHERS, 0, "other types" }, { W_HIER, 0, "hierarchy reader 0" },
	{ W_HIER, 1, "hierarchy reader 1" }, { W_HIER_CHILD, 0, "child-namespace reader" },
	{ W_NSDIR, 0, "directory walker" }, { W_SETGET, 0, "SET/GET caller" },
};
#define WORKERS (sizeof(workers) / sizeof(workers[0]))

static bool worker_can_run(const struct stress *s, enum worker_kind kind)
{
	switch (kind) {
	case W_HIER:
	case W_HIER_CHILD:
		return s->has_hierarchy;
	case W_NSDIR:
		return s->has_nsdir;
	case W_SETGET:
		return s->has_vec && s->has_nsdir;
	default:
		return true;
	}
}

static void run_worker(struct stress *s, uint64_t seed, enum worker_kind kind, int instance)
{
	/* Each instance its own stream of draws. */
	seed = seed * 16 + instance;
	switch (kind) {
	case W_NEST:
		stress_nest_pid(s, seed);
		break;
	case W_OTHERS:
		stress_other_types(s, seed);
		break;
	case W_HIER:
		stress_read_hierarchy(s, seed, instance);
		break;
	case W_HIER_CHILD:
		stress_read_hierarchy_in_child(s, seed);
		break;
	case W_NSDIR:
		stress_walk_nsdir(s, seed);
		break;
	case W_SETGET:
		stress_set_get(s, seed);
		break;
	}
}

static void kill_workers(const pid_t *pids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(-pids[i], SIGKILL);
}

/*
 * Start the workers, each in a process group of its own with what it
 * forks, and wait for them past the deadline; the test is their
 * subreaper, so it also reaps what they leave.  False, with the reason
 * printed, if one could not start, died or hung.
 */
static bool run_workers(struct stress *s, uint64_t seed)
{
	pid_t pids[WORKERS] = { 0 };
	bool ok = true;
	size_t i;

	prctl(PR_SET_CHILD_SUBREAPER, 1);
	for (i = 0; i < WORKERS; i++) {
		if (!worker_can_run(s, workers[i].kind))
			continue;
		fflush(stdout);
		pids[i] = fork();
		if (pids[i] < 0) {
			printf("# fork of worker %s: %s\n", workers[i].name, strerror(errno));
			kill_workers(pids, i);
			ok = false;
			break;
		}
		if (pids[i] == 0) {
			setpgid(0, 0);
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			run_worker(s, seed, workers[i].kind, workers[i].instance);
			fflush(stdout);
			_exit(0);
		}
		setpgid(pids[i], pids[i]);
	}
	for (i = 0; i < WORKERS; i++) {
		int status = 0;
		pid_t got;

		if (pids[i] <= 0)
			continue;
		while ((got = waitpid(pids[i], &status, WNOHANG)) == 0) {
			struct timespec now;

			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec > s->deadline.tv_sec + GRACE_SECONDS) {
				printf("# FAIL worker %s still runs %d s after the deadline\n",
				       workers[i].name, GRACE_SECONDS);
				kill(-pids[i], SIGKILL);
				got = waitpid(pids[i], &status, 0);
				ok = false;
				break;
			}
			usleep(100000);
		}
		if (got != pids[i] || !WIFEXITED(status) || WEXITSTATUS(status)) {
			printf("# FAIL worker %s ended with status %#x\n", workers[i].name, status);
			ok = false;
		}
	}
	/* What the workers left is reparented to us: reap it, or kill it. */
	for (i = 0; i < GRACE_SECONDS * 10;) {
		pid_t got = waitpid(-1, NULL, WNOHANG);

		if (got < 0)
			return ok;
		if (got == 0) {
			usleep(100000);
			i++;
		}
	}
	printf("# FAIL tasks the workers forked still run %d s after them\n", GRACE_SECONDS);
	kill_workers(pids, WORKERS);
	while (waitpid(-1, NULL, 0) > 0)
		;
	return false;
}

/* ---- the verdict ------------------------------------------------------------ */

static int tap, failed;

static void tap_line(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tap_line(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d ", ok ? "" : "not ", ++tap);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failed += !ok;
}

static void tap_skip(const char *what, const char *why)
{
	printf("ok %d %s # SKIP %s\n", ++tap, what, why);
}

static void report(const struct stress *s, bool workers_ok, long seconds)
{
	const struct stress_counts *c = s->counts;
	bool limit_ok = s->max_depth < STRESS_MAX_LEVEL || c->level_limit > 0;

	tap_line(workers_ok, "workers: every one started, ended cleanly and within %d s of the deadline, "
		 "with what it forked", GRACE_SECONDS);
	tap_line(!c->writer_errors && c->deepest == s->max_depth && limit_ok,
		 "writers, %ld s, no failed call, level %d reached, a namespace below level %d "
		 "refused with ENOSPC: %ld pid namespaces in %ld chains, deepest level %ld, "
		 "ENOSPC %ld times, %ld inits gone before their namespace (%ld forks below them "
		 "refused, ENOMEM); cgroup %ld, ipc %ld, mnt %ld, net %ld, time %ld, user %ld, "
		 "uts %ld, %ld of them held only by an fd",
		 seconds, s->max_depth, STRESS_MAX_LEVEL, c->pid_ns, c->chains, c->deepest,
		 c->level_limit, c->init_gone_early, c->forks_refused_dying, c->other_ns[T_CGROUP],
		 c->other_ns[T_IPC], c->other_ns[T_MNT], c->other_ns[T_NET], c->other_ns[T_TIME],
		 c->other_ns[T_USER], c->other_ns[T_UTS], c->held_by_fd);
	if (s->has_hierarchy)
		tap_line(!c->hier_bad && c->hier_reads && c->hier_child_reads && c->hier_exact,
			 "/proc/pidns_hierarchy: every read parsed as one pre-order tree, and every "
			 "chain the child-namespace reader held read back exactly, ids by NS_GET_ID: "
			 "%ld reads through /proc and 4 proc mounts, %ld from a child pid namespace, "
			 "%ld of a held chain, %ld lines, deepest level %ld",
			 c->hier_reads, c->hier_child_reads, c->hier_exact, c->hier_lines,
			 c->hier_max_level);
	else
		tap_skip("/proc/pidns_hierarchy", "not in this kernel");
	if (s->has_nsdir)
		tap_line(!c->dir_bad && c->dir_passes && c->anchors_found,
			 NSDIR ": offsets rising in every listing, resumed or not, every name well "
			 "formed and opening its namespace, every fd-held namespace listed: "
			 "%ld listings, %ld entries, %ld resumed at a saved offset, %ld fd-held found, "
			 "%ld opens, %ld gone before the open, %ld names of a gone namespace "
			 "taken by a newer one",
			 c->dir_passes, c->dir_entries, c->dir_resumes, c->anchors_found, c->opens,
			 c->opens_gone, c->names_reused);
	else
		tap_skip(NSDIR, "not in this kernel");
	if (s->has_vec && s->has_nsdir)
		tap_line(!c->setget_bad && c->gets && c->sets,
			 "ns_last_pid vectors: every GET worked, every SET of what it read worked "
			 "but on namespaces going or not started: %ld GETs, %ld SETs, %ld refused (ESRCH) "
			 "or not tried (-1)", c->gets, c->sets, c->sets_gone);
	else
		tap_skip("ns_last_pid vectors", "no NS_GET_LAST_PID_VEC or no " NSDIR);
}

/* The scratch directory and the mount points in it, empty by now. */
static int remove_scratch(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char sub[512];

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			rmdir(sub);
		}
	closedir(d);
	return rmdir(path);
}

static void usage(void)
{
	fprintf(stderr, "usage: pidns_stress [-t SECONDS] [-s SEED] [-d DEPTH (1..%d)]\n",
		STRESS_MAX_LEVEL);
	exit(2);
}

int main(int argc, char **argv)
{
	struct stress s = { .max_depth = STRESS_MAX_LEVEL };
	long seconds = 60, listns_before, nsdir_before, listns_after, nsdir_after, want[2];
	char dir[] = "/tmp/pidns_stress.XXXXXX";
	unsigned long long seed = 1;
	bool workers_ok, back;
	int opt, own;

	while ((opt = getopt(argc, argv, "t:s:d:")) != -1) {
		switch (opt) {
		case 't': seconds = strtol(optarg, NULL, 0); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'd': s.max_depth = strtol(optarg, NULL, 0); break;
		default: usage();
		}
	}
	if (seconds < 1 || s.max_depth < 1 || s.max_depth > STRESS_MAX_LEVEL)
		usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n1..7\n");
	if (geteuid()) {
		printf("ok 1 # SKIP needs root (CAP_SYS_ADMIN in the initial namespaces)\n");
		for (opt = 2; opt <= 7; opt++)
			printf("ok %d # SKIP needs root\n", opt);
		return 4;
	}
	if (!stress_parser_refuses_bad_input()) {
		printf("Bail out! the hierarchy checker takes what the format forbids\n");
		return 1;
	}
	printf("# %ld s, seed %llu, pid namespaces down to level %d, %zu workers\n",
	       seconds, seed, s.max_depth, WORKERS);

	s.has_hierarchy = !access("/proc/pidns_hierarchy", R_OK);
	s.has_nsdir = !access(NSDIR, R_OK);
	own = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
	s.has_vec = own >= 0 && ioctl(own, NS_GET_LAST_PID_VEC, NULL) && errno == EFAULT;
	close(own);
	s.counts = mmap(NULL, sizeof(*s.counts), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s.counts == MAP_FAILED || !mkdtemp(dir)) {
		printf("Bail out! shared counters or scratch directory: %s\n", strerror(errno));
		return 1;
	}
	s.dir = dir;
	stress_shared = s.counts;
	settle(&listns_before, &nsdir_before, NULL);
	if (listns_before < 0)
		printf("# listns: %s\n", strerror(errno));
	printf("# live namespaces before: %ld by listns(), %ld in " NSDIR "\n",
	       listns_before, nsdir_before);

	clock_gettime(CLOCK_MONOTONIC, &s.deadline);
	s.deadline.tv_sec += seconds;
	workers_ok = run_workers(&s, seed);
	report(&s, workers_ok, seconds);

	want[0] = listns_before;
	want[1] = nsdir_before;
	back = settle(&listns_after, &nsdir_after, want);
	if (listns_before < 0)
		tap_skip("live namespaces by listns()", "no listns(2)");
	else
		tap_line(back || listns_after == listns_before,
			 "live namespaces by listns(): %ld after, %ld before",
			 listns_after, listns_before);
	if (nsdir_before < 0)
		tap_skip("live namespaces by " NSDIR, "not in this kernel");
	else
		tap_line(back || nsdir_after == nsdir_before,
			 "live namespaces by " NSDIR ": %ld after, %ld before",
			 nsdir_after, nsdir_before);
	/* The proc mounts went with their readers' mount namespaces. */
	if (remove_scratch(dir))
		printf("# could not remove %s\n", dir);
	printf("# %d of %d failed (replay: pidns_stress -t %ld -s %llu)\n",
	       failed, tap, seconds, seed);
	return failed ? 1 : 0;
}
