// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nsref.h"
#include "util.h"

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
	char path[64];
	struct stat st;
	long pid;
	int type;

	ns->arg = arg;
	if (!parse_int(arg, 1, 0x3fffffff, &pid)) {
		snprintf(path, sizeof(path), "/proc/%ld/ns/pid", pid);
		ns->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (ns->fd < 0)
			fatal("%s: %s", arg, errno == ENOENT ? "no such process" : strerror(errno));
	} else {
		ns->fd = open(arg, O_RDONLY | O_CLOEXEC);
		if (ns->fd < 0)
			fatal("%s: %s", arg, strerror(errno));
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

ino_t pidns_ino_of(pid_t pid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", pid);
	return stat(path, &st) ? 0 : st.st_ino;
}

int nsref_parent_fd(int fd)
{
	return ioctl(fd, NS_GET_PARENT);
}
