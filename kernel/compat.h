/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The differences between the kernels pidns.ko builds for (Debian's 6.1
 * and 6.12, and mainline 7.3, where it only has to refuse to load beside
 * the series), in one place.
 */
#ifndef PIDNS_COMPAT_H
#define PIDNS_COMPAT_H

#include <linux/file.h>
#include <linux/namei.h>
#include <linux/string.h>
#include <linux/version.h>

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

/* 6.18 moved the namespace type from the operations into ns_common. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 18, 0)
#define pidns_ns_type(ns) ((ns)->ns_type)
#else
#define pidns_ns_type(ns) ((ns)->ops->type)
#endif

#endif /* PIDNS_COMPAT_H */
