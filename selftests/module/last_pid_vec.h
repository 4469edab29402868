/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The series' last_pid_vec.c tests, built against this header instead of
 * their own, run on a kernel with the series and on a stock kernel with
 * pidns.ko alike: each call uses the nsfs ioctl, and when the kernel does
 * not know it (ENOTTY), the same operation of /dev/pidns, whose request
 * carries the nsfs fd, the struct's size and the pointer the nsfs ioctl
 * was given.  Each call returns 0 or -errno.
 */
#ifndef __PIDNS_MODULE_LAST_PID_VEC_H
#define __PIDNS_MODULE_LAST_PID_VEC_H

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <linux/pidns.h>

/*
 * /dev/pidns sets and reads the levels without pidmap_lock, which a module
 * cannot take: a GET can see half of a SET (Documentation/module.md).
 */
#define LAST_PID_VEC_ATOMIC 0

/* Whether each pid namespace has its own pid_max (6.14 on): 1, 0, or -1. */
static inline int kernel_has_ns_pid_max(void)
{
	struct utsname u;
	int major, minor;

	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return -1;
	return major > 6 || (major == 6 && minor >= 14);
}

/*
 * The largest value SET takes at a level whose pid_max is @pid_max.  From
 * 6.14 the module reads the level's own pid_max, as the series does.
 * Before, pid_max is a sysctl that a module can read only by opening a
 * file as the caller, so the module bounds each level by PID_MAX_LIMIT
 * (x86_64: 4194304) and lets the pid allocator wrap a cursor above pid_max
 * (Documentation/module.md, "Values above pid_max").
 */
static inline int last_pid_vec_bound(int pid_max)
{
	return kernel_has_ns_pid_max() == 0 ? 4 * 1024 * 1024 : pid_max;
}

/*
 * The nsfs ioctl @nr (NS_SET_ or NS_GET_LAST_PID_VEC) with @arg of @size
 * bytes; if the kernel does not know it, /dev/pidns's @dev_cmd, opened
 * for this call only: a test that held it open would pin the module.  SET
 * needs it open for writing; GET does not, but the same open serves both.
 */
static inline int nsfs_or_dev(int ns_fd, unsigned long ns_cmd, unsigned long dev_cmd,
			      void *arg, size_t size)
{
	struct pidns_last_pid_req req = {
		.ns_fd = ns_fd,
		.vec_size = size,
		.vec = (uintptr_t)arg,
	};
	unsigned long cmd = _IOC(_IOC_DIR(ns_cmd), NSIO, _IOC_NR(ns_cmd), size);
	int dev, ret;

	if (!ioctl(ns_fd, cmd, arg))
		return 0;
	if (errno != ENOTTY)
		return -errno;
	dev = open(PIDNS_DEVICE, O_RDWR | O_CLOEXEC);
	if (dev < 0)
		return -ENOTTY;
	ret = ioctl(dev, dev_cmd, &req) ? -errno : 0;
	close(dev);
	return ret;
}

static inline int set_last_pid_vec_sized(int ns_fd, void *arg, size_t size)
{
	return nsfs_or_dev(ns_fd, NS_SET_LAST_PID_VEC, PIDNS_IOC_SET_LAST_PID_VEC, arg, size);
}

static inline int get_last_pid_vec_sized(int ns_fd, void *arg, size_t size)
{
	return nsfs_or_dev(ns_fd, NS_GET_LAST_PID_VEC, PIDNS_IOC_GET_LAST_PID_VEC, arg, size);
}

#endif
