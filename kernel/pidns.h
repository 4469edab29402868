/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pidns.ko: /proc/pidns_hierarchy and /dev/pidns for kernels without the
 * series.  What the parts share.
 */
#ifndef PIDNS_MODULE_H
#define PIDNS_MODULE_H

#include <linux/pid_namespace.h>
#include <linux/types.h>

/* pidns_main.c: a private proc mount, for what only procfs tells. */
int pidns_proc_has(const char *name);
int pidns_read_pid_max(void);

/* pidns_hierarchy.c */
int pidns_hierarchy_register(const char *name);
void pidns_hierarchy_unregister(void);

/* pidns_dev.c */
int pidns_dev_register(void);
void pidns_dev_unregister(void);

#endif /* PIDNS_MODULE_H */
