// SPDX-License-Identifier: GPL-2.0
/*
 * pidns set-last, pidns spawn: the seed's restore primitives.
 *
 * set-last: NS_SET_LAST_PID_VEC; else pidns.ko's /dev/pidns; else, as
 * before either existed, one helper task per level whose active pid
 * namespace is that level, writing its /proc/sys/kernel/ns_last_pid (not
 * all-or-nothing: a level that fails leaves the inner ones set).
 * spawn: clone3() with set_tid, which needs nothing else.
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
#include "util.h"

int parse_vector(const char *s, int *v, int max)
{
	char *copy = xstrdup(s), *p, *save = NULL;
	int n = 0;
	long x;

	for (p = strtok_r(copy, ":", &save); p; p = strtok_r(NULL, ":", &save)) {
		if (n == max)
			usage_error("'%s': more than %d levels", s, max);
		if (parse_int(p, 0, 0x3fffffff, &x))
			usage_error("'%s': '%s' is not a pid", s, p);
		v[n++] = x;
	}
	free(copy);
	if (!n || s[0] == ':' || s[strlen(s) - 1] == ':' || strstr(s, "::"))
		usage_error("'%s': expected V0:V1:... (innermost namespace first)", s);
	return n;
}

static const char *why(int err)
{
	switch (err) {
	case EPERM:
		return "permission denied: each level needs CAP_CHECKPOINT_RESTORE (or CAP_SYS_ADMIN) in its owning user namespace";
	case EINVAL:
		return "invalid vector: longer than the namespace's chain, or a pid outside 0..pid_max";
	case ESRCH:
		return "a namespace of the chain has no live init";
	}
	return strerror(err);
}

/* One level the old way: a task living in it writes its ns_last_pid. */
static int set_by_helper(int level_fd, int value)
{
	pid_t helper = fork();
	int status;

	if (helper < 0)
		return -errno;
	if (helper == 0) {
		pid_t writer;

		if (setns(level_fd, CLONE_NEWPID))
			_exit(errno);
		writer = fork();
		if (writer == 0) {
			int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
			char buf[16];
			int len = snprintf(buf, sizeof(buf), "%d", value);

			if (fd < 0 || write(fd, buf, len) != len)
				_exit(errno ? errno : EIO);
			_exit(0);
		}
		if (writer < 0 || waitpid(writer, &status, 0) != writer)
			_exit(errno ? errno : ECHILD);
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : EINTR);
	}
	if (waitpid(helper, &status, 0) != helper)
		return -errno;
	return WIFEXITED(status) ? -WEXITSTATUS(status) : -EINTR;
}

/*
 * Every level is reached (NS_GET_PARENT) before any is written, so that a
 * vector longer than the chain we may reach changes nothing.  Writing is
 * not all-or-nothing: a level that fails leaves the inner ones set.
 */
static int set_by_helpers(int ns_fd, const struct ns_last_pid_vec *vec)
{
	int fds[NS_LAST_PID_VEC_MAX], ret = 0;
	unsigned int i, n;

	fds[0] = dup(ns_fd);
	for (n = 1; n < vec->nr && fds[n - 1] >= 0; n++) {
		fds[n] = nsref_parent_fd(fds[n - 1]);
		if (fds[n] < 0) {
			ret = -EINVAL;	/* EPERM: above us, or above the top */
			break;
		}
	}
	for (i = 0; i < vec->nr && !ret; i++)
		ret = set_by_helper(fds[i], vec->last_pid[i]);
	for (i = 0; i < n && i < vec->nr; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return ret;
}

/* Returns 0 or -errno, and names the way it took in *@how. */
static int set_last_pid_vec(int ns_fd, const struct ns_last_pid_vec *vec, const char **how)
{
	struct pidns_last_pid_req req = { .ns_fd = ns_fd, .vec = *vec };
	int dev;

	*how = "NS_SET_LAST_PID_VEC";
	if (!ioctl(ns_fd, NS_SET_LAST_PID_VEC, vec))
		return 0;
	if (errno != ENOTTY)
		return -errno;
	*how = PIDNS_DEVICE;
	dev = open(PIDNS_DEVICE, O_RDONLY | O_CLOEXEC);
	if (dev >= 0) {
		int ret = ioctl(dev, PIDNS_IOC_SET_LAST_PID_VEC, &req) ? -errno : 0;

		close(dev);
		return ret;
	}
	*how = "a helper per level";
	return set_by_helpers(ns_fd, vec);
}

int cmd_set_last(const char *ns_arg, const char *vector)
{
	struct ns_last_pid_vec vec = { 0 };
	struct nsref ns;
	const char *how;
	int ret;

	vec.nr = parse_vector(vector, vec.last_pid, NS_LAST_PID_VEC_MAX);
	nsref_open(ns_arg, &ns);
	ret = set_last_pid_vec(ns.fd, &vec, &how);
	nsref_close(&ns);
	if (ret)
		fatal("%s (through %s)", why(-ret), how);
	return 0;
}

int cmd_spawn(const char *vector, const char *ns_arg, char **argv)
{
	pid_t set_tid[NS_LAST_PID_VEC_MAX];
	int v[NS_LAST_PID_VEC_MAX], n, i, status;
	struct clone_args args = { .exit_signal = SIGCHLD };
	pid_t child;

	n = parse_vector(vector, v, NS_LAST_PID_VEC_MAX);
	for (i = 0; i < n; i++) {
		if (!v[i])
			usage_error("'%s': pid 0 cannot be given to a task", vector);
		set_tid[i] = v[i];
	}
	if (ns_arg) {
		struct nsref ns;

		nsref_open(ns_arg, &ns);
		if (setns(ns.fd, CLONE_NEWPID))
			fatal("cannot enter %s: %s", ns_arg, strerror(errno));
		nsref_close(&ns);
	}
	args.set_tid = (uintptr_t)set_tid;
	args.set_tid_size = n;
	child = syscall(SYS_clone3, &args, sizeof(args));
	if (child < 0) {
		if (errno == EEXIST)
			fatal("one of the pids %s is taken in its namespace", vector);
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
