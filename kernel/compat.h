/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The differences between the kernels pidns.ko builds for, Debian's 6.1,
 * 6.12 and 7.3 (tested.h), in one place.
 */
#ifndef PIDNS_COMPAT_H
#define PIDNS_COMPAT_H

#include <linux/device.h>
#include <linux/file.h>
#include <linux/namei.h>
#include <linux/string.h>
#include <linux/version.h>

#include "tested.h"

/* 6.12 made struct fd opaque and added fd_file(); 6.1 has ->file. */
#ifndef fd_file
#define fd_file(f) ((f).file)
#endif

/* 6.16 renamed lookup_one_len_unlocked() to lookup_noperm_unlocked(). */
static inline struct dentry *pidns_lookup_unlocked(const char *name, struct dentry *base)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
	struct qstr qname = QSTR_INIT(name, strlen(name));

	return lookup_noperm_unlocked(&qname, base);
#else
	return lookup_one_len_unlocked(name, base, strlen(name));
#endif
}

/*
 * vfs_path_lookup() is exported by all three, but 6.1 declares it in
 * fs/internal.h, which no headers package has; 6.12 and 7.3 in namei.h,
 * with the same prototype.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0)
int vfs_path_lookup(struct dentry *dentry, struct vfsmount *mnt, const char *name,
		    unsigned int flags, struct path *path);
#endif

/* 6.18 moved the namespace type from the operations into ns_common. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 18, 0)
#define pidns_ns_type(ns) ((ns)->ns_type)
#else
#define pidns_ns_type(ns) ((ns)->ops->type)
#endif

/*
 * 6.14 gave each pid namespace its own pid_max; before, the one limit is
 * the pid_max sysctl, which is not exported (see pidns_level_pid_max()).
 */
#define PIDNS_HAS_NS_PID_MAX (LINUX_VERSION_CODE >= KERNEL_VERSION(6, 14, 0))

/* 6.18 gave namespaces the ids NS_GET_ID returns (ns_common.ns_id). */
#define PIDNS_HAS_NS_ID (LINUX_VERSION_CODE >= KERNEL_VERSION(6, 18, 0))

/* 6.2 made the device argument of device_type->devnode() const. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define pidns_devnode_device const struct device
#else
#define pidns_devnode_device struct device
#endif

#endif /* PIDNS_COMPAT_H */
