/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's own lists of namespaces, each entry opened as an nsfs fd:
 *
 *   /proc/namespaces/  entries named "pid:[4026531836]" whose open() gives
 *                      the namespace; no kernel has it yet (the seed asked
 *                      for it), so it is used only where it exists;
 *   listns(2)          6.19: ids, opened by an nsfs file handle carrying
 *                      only the id.  ENOSYS before: quietly not used.
 *
 * Each calls @fn(@arg, fd) for every namespace of the CLONE_NEW* @types
 * (0: all) that it lists and that can still be opened, and returns 0; or
 * -1 (errno, and a --verbose line) when the kernel has no such list.
 */
#ifndef PIDNS_NSLIST_H
#define PIDNS_NSLIST_H

typedef void (*nslist_fn)(void *arg, int fd);

int nsdir_each(int types, nslist_fn fn, void *arg);
int listns_each(int types, nslist_fn fn, void *arg);

#endif
