// SPDX-License-Identifier: GPL-2.0
/*
 * pidns set-last, pidns spawn: the seed's restore primitives.
 *
 * set-last: NS_SET_LAST_PID_VEC; else pidns.ko's /dev/pidns (both check
 * the whole vector, then write all of it); else, as before either
 * existed, helper tasks whose active pid namespace is each level, which
 * read and write its /proc/sys/kernel/ns_last_pid.  Exact by default
 * (NS_LAST_PID_VEC_EXACT): a taken next pid fails the whole vector.
 * spawn: clone3() with set_tid, which needs nothing else and is exact.
 */
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
#include <unistd.h>

#include "commands.h"
#include "nsref.h"
#include "proc.h"
#include "util.h"
#include "vector.h"

#define MAX_LEVELS 32	/* MAX_PID_NS_LEVEL: as many as set_tid takes */

enum level_op {
	LEVEL_PROBE,	/* report pid_max, ns_last_pid and whether value + 1 is taken;
			 * write ns_last_pid back */
	LEVEL_WRITE,	/* write the value to ns_last_pid */
};

struct level_state {
	long pid_max, last_pid;
	bool next_taken;
};

static int write_last_pid(long value)
{
	int fd = proc_open_sysctl("ns_last_pid", O_WRONLY);
	char buf[24];
	int len = snprintf(buf, sizeof(buf), "%ld", value), ret = 0;

	if (fd < 0)
		return errno;
	if (write(fd, buf, len) != len)
		ret = errno ? errno : EIO;
	close(fd);
	return ret;
}

/*
 * In the level: its pid_max (per namespace since 6.14), whether we may
 * write its ns_last_pid, found by writing back what it holds, which
 * changes nothing, and whether pid @value + 1 is taken there: kill(2)
 * with no signal answers ESRCH only for a pid no task of the level has.
 * An errno, or 0.
 */
static int level_action(enum level_op op, long value, int report)
{
	struct level_state st;
	int err;

	if (op == LEVEL_WRITE)
		return write_last_pid(value);
	/* Our own pid is free again once we have exited, before any write. */
	st.next_taken = value + 1 != getpid() && (kill(value + 1, 0) == 0 || errno != ESRCH);
	if (read_sysctl_fd(proc_open_sysctl("pid_max", O_RDONLY), &st.pid_max) ||
	    read_sysctl_fd(proc_open_sysctl("ns_last_pid", O_RDONLY), &st.last_pid))
		return errno ? errno : EIO;
	err = write_last_pid(st.last_pid);
	if (err)
		return err;
	return write(report, &st, sizeof(st)) == sizeof(st) ? 0 : EIO;
}

/*
 * Run @op in a task whose active pid namespace is that of @level_fd: a
 * child of a helper that entered it (setns() moves only the children).
 * Forking there takes a pid in that level and those above it, never below:
 * so levels are written innermost first.  0, or -errno.
 */
static int in_level(int level_fd, enum level_op op, long value, struct level_state *st)
{
	int report[2], status, ret;
	pid_t helper;

	if (pipe2(report, O_CLOEXEC))
		return -errno;
	helper = fork();
	if (helper < 0) {
		ret = -errno;
		close(report[0]);
		close(report[1]);
		return ret;
	}
	if (helper == 0) {
		pid_t writer;

		close(report[0]);
		if (setns(level_fd, CLONE_NEWPID))
			_exit(errno);
		writer = fork();
		if (writer == 0)
			_exit(level_action(op, value, report[1]));
		if (writer < 0 || waitpid(writer, &status, 0) != writer)
			_exit(errno ? errno : ECHILD);
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : EINTR);
	}
	close(report[1]);
	ret = 0;
	if (op == LEVEL_PROBE && read(report[0], st, sizeof(*st)) != sizeof(*st))
		ret = -EIO;
	close(report[0]);
	if (waitpid(helper, &status, 0) != helper)
		return -errno;
	if (!WIFEXITED(status))
		return -EINTR;
	return WEXITSTATUS(status) ? -WEXITSTATUS(status) : ret;
}

/*
 * All or nothing, as the ioctl is: every level is reached (NS_GET_PARENT)
 * and probed, every value checked against its level's pid_max, before
 * anything is written; should a write fail all the same, the levels
 * written are given back what they held.
 */
static int set_by_helpers(int ns_fd, const int *pids, unsigned int nr, bool exact,
			  const char *vector)
{
	struct level_state st[MAX_LEVELS];
	int fds[MAX_LEVELS], ret = 0;
	unsigned int i, n, done = 0;

	fds[0] = dup(ns_fd);
	for (n = 1; n < nr && fds[n - 1] >= 0; n++) {
		fds[n] = nsref_parent_fd(fds[n - 1]);
		if (fds[n] < 0) {
			ret = -EINVAL;	/* EPERM: above us, or above the top */
			break;
		}
	}
	for (i = 0; i < nr && !ret; i++)
		ret = in_level(fds[i], LEVEL_PROBE, pids[i], &st[i]);
	for (i = 0; i < nr && !ret; i++)
		if (pids[i] > st[i].pid_max)
			fatal("'%s': %d is above the pid_max of its level (%ld): nothing was changed",
			      vector, pids[i], st[i].pid_max);
	for (i = 0; i < nr && !ret && exact; i++)
		if (st[i].next_taken)
			ret = -EEXIST;
	for (i = 0; i < nr && !ret; i++) {
		ret = in_level(fds[i], LEVEL_WRITE, pids[i], NULL);
		if (!ret)
			done++;
	}
	if (ret && done) {
		unsigned int restored = 0;

		for (i = 0; i < done; i++)
			restored += !in_level(fds[i], LEVEL_WRITE, st[i].last_pid, NULL);
		if (restored == done)
			warnx("a level refused its value: the %u written before it were given back their values",
			      done);
		else
			warnx("a level refused its value, and %u of the %u written before it could not be given back theirs",
			      done - restored, done);
	}
	for (i = 0; i < n && i < nr; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return ret;
}

/* Returns 0 or -errno, and names the way it took in *@how. */
static int set_last_pid_vec(int ns_fd, const int *pids, unsigned int nr, bool exact,
			    const char *vector, const char **how)
{
	struct ns_last_pid_vec vec = {
		.nr = nr,
		.flags = exact ? NS_LAST_PID_VEC_EXACT : 0,
		.pids = (uintptr_t)pids,
	};
	struct pidns_last_pid_req req = {
		.ns_fd = ns_fd,
		.vec_size = sizeof(vec),
		.vec = (uintptr_t)&vec,
	};
	int dev;

	*how = "NS_SET_LAST_PID_VEC";
	if (source_allowed("vec-ioctl")) {
		if (!ioctl(ns_fd, NS_SET_LAST_PID_VEC, &vec))
			return 0;
		if (errno != ENOTTY)
			return -errno;
	}
	*how = PIDNS_DEVICE;
	/* SET needs the device open for writing (pidns.ko: EBADF otherwise). */
	dev = source_allowed("dev") ? open(PIDNS_DEVICE, O_RDWR | O_CLOEXEC) : -1;
	if (dev >= 0) {
		int ret = ioctl(dev, PIDNS_IOC_SET_LAST_PID_VEC, &req) ? -errno : 0;

		close(dev);
		return ret;
	}
	*how = "a helper per level";
	return set_by_helpers(ns_fd, pids, nr, exact, vector);
}

static const char *why(int err)
{
	switch (err) {
	case EPERM:
		return "permission denied: the namespace must be ours or below it, and each level needs CAP_CHECKPOINT_RESTORE (or CAP_SYS_ADMIN) in its owning user namespace";
	case ESRCH:
		return "a namespace of the chain has no live init";
	}
	return strerror(err);
}

int cmd_set_last(const char *ns_arg, const char *vector, bool innermost_first, bool exact)
{
	int pids[MAX_LEVELS], nr;
	struct nsref ns;
	const char *how;
	int ret;

	nr = vector_parse(vector, innermost_first, pids, MAX_LEVELS);
	nsref_open(ns_arg, &ns);
	nsref_require_live(&ns);
	ret = set_last_pid_vec(ns.fd, pids, nr, exact, vector, &how);
	nsref_close(&ns);
	verbose("through %s", how);
	if (ret == -EEXIST)
		fatal("'%s': the pid after one of these is taken in its namespace: nothing was changed (--no-exact moves the cursors all the same)",
		      vector);
	if (ret == -EINVAL)
		fatal("'%s': longer than the namespace's chain, or a pid above the pid_max of its level (through %s): nothing was changed",
		      vector, how);
	if (ret)
		fatal("%s (through %s)", why(-ret), how);
	return 0;
}

int cmd_spawn(const char *vector, bool innermost_first, const char *ns_arg, char **argv)
{
	pid_t set_tid[MAX_LEVELS];
	int v[MAX_LEVELS], n, i, status;
	struct clone_args args = { .exit_signal = SIGCHLD };
	struct nsref ours = { .fd = -1 };
	pid_t child;
	int err;

	n = vector_parse(vector, innermost_first, v, MAX_LEVELS);
	for (i = 0; i < n; i++) {
		if (!v[i])
			usage_error("'%s': pid 0 cannot be given to a task", vector);
		set_tid[i] = v[i];
	}
	if (ns_arg) {
		struct nsref ns;

		nsref_open(ns_arg, &ns);
		nsref_require_live(&ns);
		nsref_self(&ours);
		if (setns(ns.fd, CLONE_NEWPID))
			fatal("cannot enter %s: %s", ns_arg, strerror(errno));
		nsref_close(&ns);
	}
	args.set_tid = (uintptr_t)set_tid;
	args.set_tid_size = n;
	child = syscall(SYS_clone3, &args, sizeof(args));
	err = errno;
	/*
	 * Only CMD goes there: whatever the tool creates from now on (the
	 * leak checker's tracer, under the sanitizers) stays in ours.
	 */
	if (child && ours.fd >= 0) {
		if (setns(ours.fd, CLONE_NEWPID))
			fatal("cannot return to our pid namespace: %s", strerror(errno));
		nsref_close(&ours);
	}
	errno = err;
	if (child < 0) {
		if (errno == EEXIST)
			fatal("one of the pids %s is taken in its namespace", vector);
		if (errno == EINVAL)
			fatal("'%s': longer than the namespace's chain, or a pid at or above the pid_max of its level",
			      vector);
		fatal("%s", why(errno));
	}
	if (child == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "pidns: spawn: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (waitpid(child, &status, 0) != child)
		fatal("waitpid: %s", strerror(errno));
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
