/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the installed headers may lack, with the kernel's values: the pid
 * translation ioctls (6.11), NS_GET_ID and nsfs file handles (6.18),
 * listns(2) (6.19).  The tool is built against whatever <linux/nsfs.h> the
 * build host has, and finds out at run time what the running kernel offers.
 */
#ifndef PIDNS_NSFS_COMPAT_H
#define PIDNS_NSFS_COMPAT_H

#include <linux/nsfs.h>
#include <linux/types.h>
#include <sys/syscall.h>

#ifndef NS_GET_PID_FROM_PIDNS
#define NS_GET_PID_FROM_PIDNS	_IOR(NSIO, 0x6, int)
#define NS_GET_PID_IN_PIDNS	_IOR(NSIO, 0x8, int)
#endif

#ifndef NS_GET_ID
#define NS_GET_ID		_IOR(NSIO, 13, __u64)
#endif

#ifndef NSFS_FILE_HANDLE_SIZE_VER0
struct nsfs_file_handle {
	__u64 ns_id;
	__u32 ns_type;
	__u32 ns_inum;
};
#endif

#ifndef NS_ID_REQ_SIZE_VER0
struct ns_id_req {
	__u32 size;
	__u32 spare;
	__u64 ns_id;		/* listns: the last id seen, 0 to start */
	__u32 ns_type;		/* CLONE_NEW* mask, 0 for every type */
	__u32 spare2;
	__u64 user_ns_id;	/* 0: any owner */
};
#define NS_ID_REQ_SIZE_VER0	32
#endif

#ifndef FILEID_NSFS
#define FILEID_NSFS		0xf1
#endif
#ifndef FD_NSFS_ROOT
#define FD_NSFS_ROOT		-10003
#endif

#if !defined(__NR_listns) && defined(__x86_64__)
#define __NR_listns		470
#endif

#endif
