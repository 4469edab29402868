/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pidns.ko: /proc/pidns_hierarchy and /dev/pidns for kernels without the
 * series.  What the parts share.
 */
#ifndef PIDNS_MODULE_H
#define PIDNS_MODULE_H

#include <linux/pid_namespace.h>
#include <linux/types.h>

/* pidns_hierarchy.c */
int pidns_hierarchy_register(const char *name);
void pidns_hierarchy_unregister(void);

/* pidns_dev.c: the ioctls of /dev/pidns */
int pidns_dev_register(void);
void pidns_dev_unregister(void);

/* pidns_node.c: the character device, its node's mode and group */
struct file_operations;
int pidns_node_check_params(void);
int pidns_node_register(const struct file_operations *fops);
void pidns_node_unregister(void);

#endif /* PIDNS_MODULE_H */
