/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The pid namespace interfaces of this project, for code that must build
 * against stock kernel headers: the tools, the tests and the module.
 *
 * - The nsfs ioctls NS_SET_LAST_PID_VEC / NS_GET_LAST_PID_VEC, which the
 *   patch series adds to <linux/nsfs.h>; defined here only when the
 *   installed <linux/nsfs.h> lacks them, with the same values.
 * - /dev/pidns, the misc device of kernel/pidns.ko, which offers the same
 *   two operations on kernels without the series.  Documentation/module.md.
 */
#ifndef _UAPI_LINUX_PIDNS_H
#define _UAPI_LINUX_PIDNS_H

#include <linux/ioctl.h>
#include <linux/nsfs.h>
#include <linux/types.h>

#ifndef NS_SET_LAST_PID_VEC
#define NS_LAST_PID_VEC_MAX	32	/* MAX_PID_NS_LEVEL */

struct ns_last_pid_vec {
	__u32 nr;			/* entries of last_pid[] in use */
	__u32 flags;			/* must be 0 */
	__s32 last_pid[NS_LAST_PID_VEC_MAX]; /* [0]: the fd's namespace, [1]: its parent, ... */
};

#define NS_SET_LAST_PID_VEC	_IOW(NSIO, 0x40, struct ns_last_pid_vec)
#define NS_GET_LAST_PID_VEC	_IOR(NSIO, 0x41, struct ns_last_pid_vec)
#endif

/*
 * /dev/pidns: the namespace is named by an nsfs file descriptor of a pid
 * namespace in @ns_fd; @vec is what the nsfs ioctls take.
 */
struct pidns_last_pid_req {
	__s32 ns_fd;
	__u32 reserved;			/* must be 0 */
	struct ns_last_pid_vec vec;
};

#define PIDNS_DEVICE			"/dev/pidns"
#define PIDNS_IOC_SET_LAST_PID_VEC	_IOW(NSIO, 0x40, struct pidns_last_pid_req)
#define PIDNS_IOC_GET_LAST_PID_VEC	_IOWR(NSIO, 0x41, struct pidns_last_pid_req)

#endif /* _UAPI_LINUX_PIDNS_H */
