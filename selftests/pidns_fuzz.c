// SPDX-License-Identifier: GPL-2.0
/*
 * A seeded fuzzer for the interfaces the series adds: the ns_last_pid
 * vector ioctls (on nsfs, or on /dev/pidns where pidns.ko gives them),
 * reads of /proc/pidns_hierarchy and walks of /proc/namespaces.
 *
 *	pidns_fuzz [-s SEED] [-n CALLS]
 *
 * Each ioctl call draws its struct size (short, exact, long with a zero or
 * a non-zero tail), nr, flags, pids at the edges of pid_max, a pointer
 * that may be bad, and a file descriptor: a pid namespace in or out of the
 * caller's subtree, one whose init is gone, a namespace of another type, a
 * closed fd, a regular file.  The calls are made by four callers in turn:
 * root; root without capabilities; an unprivileged user in a user
 * namespace of its own that owns a child pid namespace; root inside a
 * child pid namespace.  Each call must succeed or fail with an errno the
 * documentation gives for it (the first fault's, where it is certain which
 * that is), and a failed SET must leave every cursor as it was.
 *
 * The same seed gives the same calls: a failure prints the seed, the
 * caller and the call's number and arguments; "make fuzz SEED=n" replays
 * it.  TAP; the kernel log is judged by the VM's verdict.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <grp.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/nsfs.h>

#include "pidns_fuzz.h"

static uint64_t seed = 1;
static long calls = 100000;
static int failures;

static void usage(void)
{
	fprintf(stderr, "usage: pidns_fuzz [-s SEED] [-n CALLS]\n");
	exit(2);
}

/* ---- the callers --------------------------------------------------------- */

/* Drop every capability, staying uid 0: SET must then fail with EPERM. */
static int drop_capabilities(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2] = { 0 };

	return syscall(SYS_capset, &hdr, data);
}

/*
 * Run fuzz_calls() as caller @who, in a child, with the seed of that caller;
 * the child sets itself up as the caller needs.  Returns its failures.
 */
static int run_caller(struct fuzz_env *env, enum fuzz_caller who)
{
	int status, ret;
	pid_t pid = fork();

	if (pid < 0)
		return 1;
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		switch (who) {
		case CALLER_ROOT:
			break;
		case CALLER_NO_CAPS:
			if (drop_capabilities())
				_exit(100);
			break;
		case CALLER_USERNS:
			/* Changing credentials clears the parent-death signal: set it again. */
			if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
			    setresuid(65534, 65534, 65534) ||
			    prctl(PR_SET_PDEATHSIG, SIGKILL) ||
			    unshare(CLONE_NEWUSER) || fuzz_env_add_owned_child(env))
				_exit(101);
			break;
		case CALLER_CHILD_PIDNS:
			if (unshare(CLONE_NEWPID))
				_exit(102);
			pid = fork();
			if (pid < 0)
				_exit(103);
			if (pid) {
				ret = waitpid(pid, &status, 0) == pid && WIFEXITED(status) ?
				      WEXITSTATUS(status) : 104;
				_exit(ret);
			}
			break;
		default:
			_exit(105);
		}
		_exit(fuzz_calls(env, who, seed, calls / CALLERS) ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	if (WEXITSTATUS(status) >= 100) {
		printf("# caller %s could not be set up (%d)\n", fuzz_caller_name(who),
		       WEXITSTATUS(status));
		return 1;
	}
	return WEXITSTATUS(status);
}

/* One TAP line for the reads of @path, which kernels without it skip. */
static int fuzz_file(int tap, const char *path, const char *what, int (*fn)(uint64_t, long))
{
	int bad;

	if (access(path, R_OK)) {
		printf("ok %d %s # SKIP not in this kernel\n", tap, path);
		return 0;
	}
	bad = fn(seed, calls / 10);
	printf("%sok %d %s: %ld %s\n", bad ? "not " : "", tap, path, calls / 10, what);
	return bad;
}

int main(int argc, char **argv)
{
	struct fuzz_env env;
	int opt, tap = 0;
	enum fuzz_caller who;

	while ((opt = getopt(argc, argv, "s:n:")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			calls = strtol(optarg, NULL, 0);
			if (calls < CALLERS)
				usage();
			break;
		default:
			usage();
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n1..%d\n", CALLERS + 2);
	printf("# seed %llu, %ld calls (replay: make fuzz SEED=%llu)\n",
	       (unsigned long long)seed, calls, (unsigned long long)seed);

	if (fuzz_env_setup(&env)) {
		printf("Bail out! cannot build the namespaces to fuzz\n");
		return 1;
	}
	/* The reads first, while nothing but the fuzzer's namespaces exist. */
	failures += fuzz_file(++tap, "/proc/pidns_hierarchy", "reads, seeks and preads",
			      fuzz_hierarchy_reads);
	failures += fuzz_file(++tap, "/proc/namespaces", "getdents and seeks", fuzz_nsdir_walks);
	if (env.via == VIA_NONE) {
		for (who = 0; who < CALLERS; who++)
			printf("ok %d %s: ioctls # SKIP neither nsfs nor /dev/pidns has them\n",
			       ++tap, fuzz_caller_name(who));
	} else {
		for (who = 0; who < CALLERS; who++) {
			int bad = run_caller(&env, who);

			failures += bad;
			printf("%sok %d %s: %ld ioctls through %s\n", bad ? "not " : "", ++tap,
			       fuzz_caller_name(who), calls / CALLERS,
			       env.via == VIA_NSFS ? "nsfs" : "/dev/pidns");
		}
	}
	fuzz_env_teardown(&env);
	return failures ? 1 : 0;
}
