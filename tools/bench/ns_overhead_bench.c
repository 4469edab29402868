// SPDX-License-Identifier: GPL-2.0
/*
 * What the series costs everything else: run in one boot of the patched
 * kernel and one of the unpatched base, alternately, by make bench
 * (tools/bench/overhead_report compares them).
 *
 *   fork-exit-wait  fork(), the child _exit()s, waitpid(), from a task at
 *                   depth 0, 4 and 32 (that many nested pid namespaces
 *                   below the initial one): each level is one more struct
 *                   upid to allocate, hash and free;
 *   unshare-TYPE    fork(), the child calls unshare(CLONE_NEW<TYPE>) and
 *                   _exit()s, waitpid(): the namespace is created, and its
 *                   last reference dropped as the child exits.  What the
 *                   kernel defers past that (a net namespace's cleanup_net
 *                   work, RCU-freed structures) is not inside the timing.
 *                   "unshare-none" is the same fork() and exit without the
 *                   unshare(), the part of each that is not the namespace.
 *
 * Each measurement is ROUNDS rounds of OPS operations; prints
 * "ovh <name> <median ns per op> <min> <max>" over the rounds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

#define ROUNDS	11
#define OPS	400

static void die(const char *what)
{
	printf("# bench: %s: %s\n", what, strerror(errno));
	fflush(stdout);
	_exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static pid_t clone3_flags(uint64_t flags)
{
	struct clone_args args = { .flags = flags, .exit_signal = SIGCHLD };

	return syscall(SYS_clone3, &args, sizeof(args));
}

/* One operation: a child that unshares @flags (if any) and exits, reaped. */
static void unshare_and_reap(int flags)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0)
		_exit(flags && unshare(flags) ? 1 : 0);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		die("waitpid");
	if (WEXITSTATUS(status)) {
		errno = 0;
		die("unshare in the child");
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void measure(const char *name, int flags)
{
	uint64_t ns[ROUNDS];
	int r, i;

	unshare_and_reap(flags);	/* warm the caches and the slabs */
	for (r = 0; r < ROUNDS; r++) {
		uint64_t t0 = now_ns();

		for (i = 0; i < OPS; i++)
			unshare_and_reap(flags);
		ns[r] = (now_ns() - t0) / OPS;
	}
	qsort(ns, ROUNDS, sizeof(ns[0]), cmp_u64);
	printf("ovh %s %llu %llu %llu\n", name, (unsigned long long)ns[ROUNDS / 2],
	       (unsigned long long)ns[0], (unsigned long long)ns[ROUNDS - 1]);
	fflush(stdout);
}

/* fork-exit-wait from @depth pid namespaces down, in a chain of inits. */
static void measure_at_depth(int depth)
{
	char name[64];
	int status;
	pid_t pid;

	if (depth == 0) {
		measure("fork-exit-wait-depth-0", 0);
		return;
	}
	pid = clone3_flags(CLONE_NEWPID);
	if (pid < 0)
		die("clone3(CLONE_NEWPID)");
	if (pid == 0) {
		if (depth > 1) {
			measure_at_depth(depth - 1);
		} else {
			/* The depth of the whole chain, as the caller numbered it. */
			snprintf(name, sizeof(name), "fork-exit-wait-depth-%s", getenv("OVH_DEPTH"));
			measure(name, 0);
		}
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		die("the chain");
}

int main(void)
{
	static const struct { const char *name; int flag; } types[] = {
		{ "none", 0 }, { "cgroup", CLONE_NEWCGROUP }, { "ipc", CLONE_NEWIPC },
		{ "mnt", CLONE_NEWNS }, { "net", CLONE_NEWNET }, { "pid", CLONE_NEWPID },
		{ "time", CLONE_NEWTIME }, { "user", CLONE_NEWUSER }, { "uts", CLONE_NEWUTS },
	};
	static const int depths[] = { 0, 4, 32 };
	char name[64], env[16];
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("ovh-rounds %d %d\n", ROUNDS, OPS);
	for (i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
		snprintf(env, sizeof(env), "%d", depths[i]);
		setenv("OVH_DEPTH", env, 1);
		measure_at_depth(depths[i]);
	}
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		snprintf(name, sizeof(name), "unshare-%s", types[i].name);
		measure(name, types[i].flag);
	}
	return 0;
}
