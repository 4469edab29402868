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
struct ns_last_pid_vec {
	__u32 nr;		/* SET: entries in pids; GET: in = capacity, out = levels */
	__u32 flags;		/* SET: NS_LAST_PID_VEC_EXACT or 0; GET: must be 0 */
	__aligned_u64 pids;	/* user pointer to __s32[nr]: [0] = the fd's namespace, [i] = its i-th ancestor */
};

#define NS_LAST_PID_VEC_SIZE_VER0	16
#define NS_LAST_PID_VEC_EXACT		(1U << 0)
#define NS_SET_LAST_PID_VEC		_IOW(NSIO, 14, struct ns_last_pid_vec)
#define NS_GET_LAST_PID_VEC		_IOWR(NSIO, 15, struct ns_last_pid_vec)
#endif

/*
 * /dev/pidns: a module cannot add ioctls to nsfs, so the request names the
 * namespace by an nsfs file descriptor of a pid namespace, and points at
 * the struct ns_last_pid_vec the nsfs ioctl would take.  @vec_size plays
 * the part of the nsfs ioctl's _IOC_SIZE: less than
 * NS_LAST_PID_VEC_SIZE_VER0 is EINVAL, more with non-zero bytes past the
 * struct the module knows is E2BIG.  The request itself is size-versioned
 * the same way, through the size in the ioctl number.
 */
struct pidns_last_pid_req {
	__s32 ns_fd;		/* nsfs file descriptor of a pid namespace */
	__u32 vec_size;		/* size of the struct ns_last_pid_vec at vec */
	__aligned_u64 vec;	/* user pointer to a struct ns_last_pid_vec */
};

#define PIDNS_LAST_PID_REQ_SIZE_VER0	16

#define PIDNS_DEVICE			"/dev/pidns"
#define PIDNS_IOC_SET_LAST_PID_VEC	_IOW(NSIO, 0x40, struct pidns_last_pid_req)
#define PIDNS_IOC_GET_LAST_PID_VEC	_IOW(NSIO, 0x41, struct pidns_last_pid_req)

#endif /* _UAPI_LINUX_PIDNS_H */
