/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel series pidns.ko is tested on, and the only ones it builds
 * for.  It reads fields of struct pid and struct pid_namespace and relies
 * on behaviour private to kernel/pid.c (the PIDNS_ADDING bit of
 * pid_allocated, the idr cursor as ns_last_pid), which no interface
 * promises, so another series may build and still be wrong.  Adding one
 * takes a run of make check on it: Documentation/module.md.  dkms.conf's
 * BUILD_EXCLUSIVE_KERNEL names the same series.
 */
#ifndef PIDNS_TESTED_H
#define PIDNS_TESTED_H

#include <linux/version.h>

#define PIDNS_SERIES(major, minor) \
	(LINUX_VERSION_CODE >= KERNEL_VERSION(major, minor, 0) && \
	 LINUX_VERSION_CODE < KERNEL_VERSION(major, (minor) + 1, 0))

#if !(PIDNS_SERIES(6, 1) || PIDNS_SERIES(6, 12) || PIDNS_SERIES(7, 3))
#error "pidns.ko is tested on Linux 6.1, 6.12 and 7.3 only: see Documentation/module.md"
#endif

#endif /* PIDNS_TESTED_H */
