// SPDX-License-Identifier: GPL-2.0
/*
 * What NS_SET_LAST_PID_VEC saves a restorer, side by side in one boot, at
 * depth 1, 2, 4, 8, 16 and 32: a chain of that many nested pid namespaces
 * below the initial one, measured from the initial one (a restorer outside
 * its container), with a vector covering the whole chain.
 *
 *   set        one NS_SET_LAST_PID_VEC on the innermost namespace;
 *   set-exact  the same with NS_LAST_PID_VEC_EXACT;
 *   helpers    the legacy way: one helper task per level, whose active pid
 *              namespace is that level, writes its /proc/sys/kernel/
 *              ns_last_pid when asked over a pipe, and answers.  All
 *              levels are asked first, then all answers awaited, so the
 *              helpers work in parallel (the best case for this way).
 *
 * and creating tasks with a chosen NSpid vector, each reaped before the
 * next:
 *
 *   create-set        SET, then a plain clone3();
 *   create-set-exact  SET with EXACT, then the same clone3();
 *   create-helpers    the helpers, then the same clone3();
 *   create-set_tid    clone3() with set_tid.
 *
 * The tasks are created in the innermost namespace (setns() to it, which
 * moves only the children).  Each must get the pid asked for there, or the
 * run fails.  Prints "lpv <depth> <method> <median_us> <samples>" for
 * tools/bench/last_pid_vec_report.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/pidns.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_DEPTH	32	/* MAX_PID_NS_LEVEL */
#define SET_SAMPLES	1001
#define TASKS		1000
#define FIRST_TARGET	10000

static const int depths[] = { 1, 2, 4, 8, 16, 32 };

/* Pipes to the helper of each level: [level][0] requests, [level][1] answers. */
static int helper_req[MAX_DEPTH][2], helper_ans[MAX_DEPTH][2];

static void die(const char *what)
{
	printf("# bench: %s: %s\n", what, strerror(errno));
	fflush(stdout);
	_exit(1);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(int depth, const char *method, double *samples, int n)
{
	qsort(samples, n, sizeof(*samples), cmp_double);
	printf("lpv %d %s %.2f %d\n", depth, method, samples[n / 2], n);
	fflush(stdout);
}

static pid_t clone3_tids(unsigned long long flags, pid_t *set_tid, size_t n)
{
	struct clone_args args = {
		.flags = flags,
		.exit_signal = SIGCHLD,
		.set_tid = (uintptr_t)set_tid,
		.set_tid_size = n,
	};

	return syscall(SYS_clone3, &args, sizeof(args));
}

/* The legacy helper of one level: its active pid namespace is that level. */
static void helper(int level)
{
	int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY);
	int value, i;
	char buf[16];

	/* Only the measuring task may hold write ends: EOF ends the loop. */
	for (i = 0; i < MAX_DEPTH; i++)
		if (helper_req[i][1] >= 0)
			close(helper_req[i][1]);
	if (fd < 0)
		die("open ns_last_pid");
	while (read(helper_req[level][0], &value, sizeof(value)) == sizeof(value)) {
		int len = snprintf(buf, sizeof(buf), "%d", value);

		if (pwrite(fd, buf, len, 0) != len)
			die("write ns_last_pid");
		if (write(helper_ans[level][1], "k", 1) != 1)
			die("answer");
	}
	_exit(0);
}

/* Ask every helper, innermost level first as in the vector, then wait. */
static void set_by_helpers(int depth, const int *pids)
{
	int i;
	char c;

	for (i = 0; i < depth; i++)
		if (write(helper_req[i][1], &pids[i], sizeof(int)) != sizeof(int))
			die("ask helper");
	for (i = 0; i < depth; i++)
		if (read(helper_ans[i][0], &c, 1) != 1)
			die("helper answer");
}

static void set_by_ioctl(int fd, const int *pids, int depth, unsigned int flags)
{
	struct ns_last_pid_vec vec = {
		.nr = depth,
		.flags = flags,
		.pids = (uintptr_t)pids,
	};

	if (ioctl(fd, NS_SET_LAST_PID_VEC, &vec))
		die("NS_SET_LAST_PID_VEC");
}

/*
 * Fork a task into the innermost namespace that exits at once, and reap
 * it; it checks its own pid there, the one asked for.
 */
static void create(pid_t *set_tid, int n, pid_t want)
{
	pid_t pid = clone3_tids(0, set_tid, n);
	int status;

	if (pid < 0)
		die("clone3");
	if (pid == 0)
		_exit(getpid() == want ? 0 : 1);
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		errno = EEXIST;
		printf("# bench: a task did not get pid %d\n", want);
		die("wrong pid");
	}
}

/* Fill the @depth levels of @pids with @value. */
static void fill(int *pids, int depth, int value)
{
	for (int i = 0; i < depth; i++)
		pids[i] = value;
}

/*
 * The measurements, on the innermost namespace of a chain of @depth (@fd),
 * whose pid_for_children we are.
 */
static void measure(int depth, int fd)
{
	static double samples[SET_SAMPLES];
	int pids[MAX_DEPTH];
	pid_t set_tid[MAX_DEPTH];
	int k, round = 0;
	double t;

	for (k = 0; k < SET_SAMPLES; k++) {
		fill(pids, depth, FIRST_TARGET + k);
		t = now_us();
		set_by_ioctl(fd, pids, depth, 0);
		samples[k] = now_us() - t;
	}
	report(depth, "set", samples, SET_SAMPLES);
	for (k = 0; k < SET_SAMPLES; k++) {
		fill(pids, depth, FIRST_TARGET + k);
		t = now_us();
		set_by_ioctl(fd, pids, depth, NS_LAST_PID_VEC_EXACT);
		samples[k] = now_us() - t;
	}
	report(depth, "set-exact", samples, SET_SAMPLES);
	for (k = 0; k < SET_SAMPLES; k++) {
		fill(pids, depth, FIRST_TARGET + k);
		t = now_us();
		set_by_helpers(depth, pids);
		samples[k] = now_us() - t;
	}
	report(depth, "helpers", samples, SET_SAMPLES);

	/* Each method creates its tasks in a range of its own. */
	for (k = 0; k < TASKS; k++) {
		fill(pids, depth, FIRST_TARGET + k - 1);
		t = now_us();
		set_by_ioctl(fd, pids, depth, 0);
		create(NULL, 0, FIRST_TARGET + k);
		samples[k] = now_us() - t;
	}
	report(depth, "create-set", samples, TASKS);
	round += TASKS;
	for (k = 0; k < TASKS; k++) {
		fill(pids, depth, FIRST_TARGET + round + k - 1);
		t = now_us();
		set_by_ioctl(fd, pids, depth, NS_LAST_PID_VEC_EXACT);
		create(NULL, 0, FIRST_TARGET + round + k);
		samples[k] = now_us() - t;
	}
	report(depth, "create-set-exact", samples, TASKS);
	round += TASKS;
	for (k = 0; k < TASKS; k++) {
		fill(pids, depth, FIRST_TARGET + round + k - 1);
		t = now_us();
		set_by_helpers(depth, pids);
		create(NULL, 0, FIRST_TARGET + round + k);
		samples[k] = now_us() - t;
	}
	report(depth, "create-helpers", samples, TASKS);
	round += TASKS;
	for (k = 0; k < TASKS; k++) {
		fill(set_tid, depth, FIRST_TARGET + round + k);
		t = now_us();
		create(set_tid, depth, FIRST_TARGET + round + k);
		samples[k] = now_us() - t;
	}
	report(depth, "create-set_tid", samples, TASKS);
}

/*
 * Build the chain: each level's init sends its pid (in the initial
 * namespace) up @pids and forks the next; the innermost waits for @go,
 * measures, and exits, which takes the whole chain down.
 */
static void run_depth(int depth)
{
	int pids[2], go[2], i, status, failed;
	int level_pid[MAX_DEPTH];
	pid_t top;
	char c;

	for (i = 0; i < depth; i++)
		if (pipe(helper_req[i]) || pipe(helper_ans[i]))
			die("pipe");
	if (pipe(pids) || pipe(go))
		die("pipe");

	top = clone3_tids(CLONE_NEWPID, NULL, 0);
	if (top < 0)
		die("clone3 NEWPID");
	if (top == 0) {
		int level;

		/*
		 * The chain ends when we close our end of @go, and the
		 * helpers when we close the request ends: not ours.
		 */
		close(go[1]);
		for (level = 0; level < depth; level++)
			close(helper_req[level][1]);
		for (level = 1; ; level++) {
			char self[32];
			ssize_t len = readlink("/proc/self", self, sizeof(self) - 1);
			pid_t me, child;

			if (len <= 0)
				die("readlink /proc/self");
			self[len] = '\0';
			me = atoi(self);
			if (write(pids[1], &me, sizeof(me)) != sizeof(me))
				die("write");
			if (level == depth) {
				/* Hold the chain until we are done measuring: EOF. */
				while (read(go[0], &c, 1) > 0)
					;
				_exit(0);
			}
			child = clone3_tids(CLONE_NEWPID, NULL, 0);
			if (child < 0)
				die("clone3 NEWPID");
			if (child > 0)
				_exit(waitpid(child, &status, 0) == child && WIFEXITED(status) ?
				      WEXITSTATUS(status) : 1);
		}
	}

	/* Level i of the vector is the namespace of level_pid[depth - 1 - i]. */
	for (i = 0; i < depth; i++)
		if (read(pids[0], &level_pid[i], sizeof(int)) != sizeof(int))
			die("read level pid");
	for (i = 0; i < depth; i++) {
		char path[64];
		int fd;
		pid_t h;

		snprintf(path, sizeof(path), "/proc/%d/ns/pid", level_pid[depth - 1 - i]);
		fd = open(path, O_RDONLY);
		if (fd < 0 || setns(fd, CLONE_NEWPID))
			die("setns to a level");
		close(fd);
		h = fork();
		if (h < 0)
			die("fork helper");
		if (h == 0)
			helper(i);
	}
	{
		char path[64];
		int fd;

		snprintf(path, sizeof(path), "/proc/%d/ns/pid", level_pid[depth - 1]);
		fd = open(path, O_RDONLY);
		if (fd < 0 || setns(fd, CLONE_NEWPID))
			die("setns to the innermost level");
		measure(depth, fd);
		close(fd);
	}

	/*
	 * Reap everything as it exits, not the chain first: the init of each
	 * level waits, as it exits, until the helper in its namespace is
	 * reaped, and we are that helper's parent.
	 */
	for (i = 0; i < depth; i++) {
		close(helper_req[i][0]);
		close(helper_req[i][1]);
		close(helper_ans[i][0]);
		close(helper_ans[i][1]);
		helper_req[i][1] = -1;
	}
	close(pids[0]);
	close(pids[1]);
	close(go[0]);
	close(go[1]);
	failed = 1;
	for (;;) {
		pid_t pid = wait(&status);

		if (pid < 0)
			break;
		if (pid == top)
			failed = !WIFEXITED(status) || WEXITSTATUS(status);
	}
	if (failed)
		die("the measuring chain failed");
}

int main(void)
{
	unsigned int i;
	int self;

	memset(helper_req, -1, sizeof(helper_req));
	/* Helpers are forked after setns(); return to our own namespace. */
	self = open("/proc/self/ns/pid", O_RDONLY);
	if (self < 0)
		die("open own ns");
	printf("# last_pid_vec_bench: %u set samples, %u tasks per method\n",
	       SET_SAMPLES, TASKS);
	for (i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
		run_depth(depths[i]);
		if (setns(self, CLONE_NEWPID))
			die("setns back");
	}
	return 0;
}
