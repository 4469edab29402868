/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The series' last_pid_vec.c tests, built against this header instead of
 * their own, run on a kernel with the series and on a stock kernel with
 * pidns.ko alike: each call uses the nsfs ioctl, and when the kernel does
 * not know it (ENOTTY), the same operation of /dev/pidns.  Each call
 * returns 0 or -errno.
 */
#ifndef __PIDNS_MODULE_LAST_PID_VEC_H
#define __PIDNS_MODULE_LAST_PID_VEC_H

#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/pidns.h>

/*
 * /dev/pidns with @dev_arg, opened for this call only: a test that held it
 * open would pin the module.
 */
static inline int pidns_dev_ioctl(unsigned long cmd, void *dev_arg)
{
	int dev = open(PIDNS_DEVICE, O_RDONLY | O_CLOEXEC);
	int ret;

	if (dev < 0)
		return -ENOTTY;
	ret = ioctl(dev, cmd, dev_arg) ? -errno : 0;
	close(dev);
	return ret;
}

/*
 * The nsfs ioctl @ns_cmd with @ns_arg; if the kernel does not know it,
 * /dev/pidns's @dev_cmd with @dev_arg.
 */
static inline int nsfs_or_dev(int ns_fd, unsigned long ns_cmd, void *ns_arg,
			      unsigned long dev_cmd, void *dev_arg)
{
	if (!ioctl(ns_fd, ns_cmd, ns_arg))
		return 0;
	if (errno != ENOTTY)
		return -errno;
	return pidns_dev_ioctl(dev_cmd, dev_arg);
}

/*
 * @arg is passed on unchanged, so that tests can pass bad pointers: to
 * /dev/pidns it is the whole request, and faults the same way.
 */
static inline int set_last_pid_vec_arg(int ns_fd, void *arg)
{
	return nsfs_or_dev(ns_fd, NS_SET_LAST_PID_VEC, arg, PIDNS_IOC_SET_LAST_PID_VEC, arg);
}

static inline int get_last_pid_vec_arg(int ns_fd, void *arg)
{
	return nsfs_or_dev(ns_fd, NS_GET_LAST_PID_VEC, arg, PIDNS_IOC_GET_LAST_PID_VEC, arg);
}

static inline int set_last_pid_vec(int ns_fd, const struct ns_last_pid_vec *vec)
{
	struct pidns_last_pid_req req = { .ns_fd = ns_fd, .vec = *vec };

	return nsfs_or_dev(ns_fd, NS_SET_LAST_PID_VEC, (void *)vec,
			   PIDNS_IOC_SET_LAST_PID_VEC, &req);
}

/* Not nsfs_or_dev(): the answer comes back in @vec or in the request. */
static inline int get_last_pid_vec(int ns_fd, struct ns_last_pid_vec *vec)
{
	struct pidns_last_pid_req req = { .ns_fd = ns_fd };
	int ret;

	if (!ioctl(ns_fd, NS_GET_LAST_PID_VEC, vec))
		return 0;
	if (errno != ENOTTY)
		return -errno;
	ret = pidns_dev_ioctl(PIDNS_IOC_GET_LAST_PID_VEC, &req);
	if (!ret)
		*vec = req.vec;
	return ret;
}

#endif
