// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "nsfs_compat.h"
#include "nsref.h"
#include "proc.h"
#include "util.h"

#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif

/*
 * A path given for NS, opened only once it is known to be a namespace
 * file: O_PATH first, which neither blocks on a FIFO nor opens a device,
 * then the real open through the O_PATH descriptor.  Symlinks (a
 * /proc/PID/ns/pid link) are followed, as nsenter follows them.
 */
static int open_ns_path(const char *arg)
{
	char self[64];
	struct statfs sfs;
	int path_fd, fd;

	path_fd = open(arg, O_PATH | O_CLOEXEC);
	if (path_fd < 0)
		fatal("%s: %s", arg, strerror(errno));
	if (fstatfs(path_fd, &sfs) || sfs.f_type != NSFS_MAGIC)
		fatal("%s: not a namespace file", arg);
	snprintf(self, sizeof(self), "/proc/thread-self/fd/%d", path_fd);
	fd = open(self, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fatal("%s: %s", arg, strerror(errno));
	close(path_fd);
	return fd;
}

static const char *type_name(int type)
{
	switch (type) {
	case CLONE_NEWNS:	return "mount";
	case CLONE_NEWUTS:	return "uts";
	case CLONE_NEWIPC:	return "ipc";
	case CLONE_NEWUSER:	return "user";
	case CLONE_NEWNET:	return "net";
	case CLONE_NEWCGROUP:	return "cgroup";
	case CLONE_NEWTIME:	return "time";
	}
	return "other";
}

void nsref_open(const char *arg, struct nsref *ns)
{
	struct stat st;
	long pid;
	int type;

	ns->arg = arg;
	if (!*arg)
		usage_error("an empty name where a namespace was expected");
	if (is_number(arg)) {
		char task[16];

		if (parse_int(arg, 1, PID_NUMBER_MAX, &pid))
			usage_error("%s: not a pid (pids are 1 and up; for a file of that name write ./%s)",
				    arg, arg);
		snprintf(task, sizeof(task), "%ld", pid);
		ns->fd = proc_ns_open(task, "pid");
		if (ns->fd < 0)
			fatal("%s: %s", arg, errno == ENOENT ? "no such process" : strerror(errno));
	} else {
		ns->fd = open_ns_path(arg);
	}
	type = ioctl(ns->fd, NS_GET_NSTYPE);
	if (type < 0)
		fatal("%s: not a namespace file", arg);
	if (type != CLONE_NEWPID)
		fatal("%s: a %s namespace, not a pid namespace", arg, type_name(type));
	if (fstat(ns->fd, &st))
		fatal("%s: %s", arg, strerror(errno));
	ns->ino = st.st_ino;
}

void nsref_self(struct nsref *ns)
{
	nsref_open("/proc/self/ns/pid", ns);
}

void nsref_close(struct nsref *ns)
{
	if (ns->fd >= 0)
		close(ns->fd);
	ns->fd = -1;
}

int nsref_parent_fd(int fd)
{
	return ioctl(fd, NS_GET_PARENT);
}

pid_t nsref_init(int fd)
{
	pid_t init;

	if (!source_allowed("pid-ioctls"))
		return -1;
	init = ioctl(fd, NS_GET_PID_FROM_PIDNS, 1);
	if (init > 0)
		return init;
	return errno == ESRCH ? 0 : -1;
}

unsigned long long nsref_id(int fd)
{
	__u64 id;

	return ioctl(fd, NS_GET_ID, &id) ? 0 : id;
}

/* Whether the namespace of @fd is ours or below it: NS_GET_PARENT reaches it. */
static bool below_ours(int fd)
{
	struct nsref self;
	struct stat st;
	bool found = false;
	int cur = dup(fd);

	nsref_self(&self);
	while (cur >= 0 && !found) {
		int parent;

		found = !fstat(cur, &st) && st.st_ino == self.ino;
		parent = found ? -1 : nsref_parent_fd(cur);
		close(cur);
		cur = parent;
	}
	if (cur >= 0)
		close(cur);
	nsref_close(&self);
	return found;
}

struct task_search {
	ino_t ino;
	bool found;
};

static bool has_task(void *arg, pid_t pid)
{
	struct task_search *s = arg;
	char task[16];

	snprintf(task, sizeof(task), "%d", pid);
	s->found = proc_ns_ino(task, "pid") == s->ino;
	return !s->found;
}

void nsref_require_live(const struct nsref *ns)
{
	pid_t init;

	if (!below_ours(ns->fd))
		fatal("%s: not a pid namespace at or below ours", ns->arg);
	init = nsref_init(ns->fd);
	if (init < 0) {
		/* Before 6.11: a namespace with a task in it has its init. */
		struct task_search s = { .ino = ns->ino };

		proc_for_each_pid(has_task, &s);
		init = s.found;
	}
	if (!init)
		fatal("%s: the namespace has no live init (its init has exited; an open file or a bind mount keeps the namespace, but nothing can run in it)",
		      ns->arg);
}
