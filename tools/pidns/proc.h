/* SPDX-License-Identifier: GPL-2.0 */
/* The /proc that pidns(1) reads: whose it is, and one pass over it. */
#ifndef PIDNS_PROC_H
#define PIDNS_PROC_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * Stop with exit 1 unless /proc numbers pids as the caller's pid
 * namespace does.  After nsenter -p without -m, or -m without -p, the
 * /proc in sight is another namespace's: its pids are not ours, and
 * mixing them with the ioctls' answers (which are ours) is wrong.
 */
void proc_check_ours(void);

/*
 * Open /proc/sys/kernel/@name with @flags, refusing anything mounted over
 * it (EXDEV): the tool writes there as root, and a container may have
 * bound a file of its choice onto the path.  An fd, or -1 with errno.
 */
int proc_open_sysctl(const char *name, int flags);

/*
 * The inode of namespace @type ("pid", "net", ...) of /proc/@task (a pid,
 * or "PID/task/TID"), from the link's text: cheaper than a stat, which
 * makes the kernel find the namespace's dentry.  0 if the task is gone.
 */
ino_t proc_ns_ino(const char *task, const char *type);
/* The same, safe to call from several threads: not counted in counts. */
ino_t proc_ns_ino_uncounted(const char *task, const char *type);

/* Open /proc/@task/ns/@type: a namespace fd, or -1. */
int proc_ns_open(const char *task, const char *type);

/* @fn(@arg, pid) for each process /proc lists, until it returns false. */
void proc_for_each_pid(bool (*fn)(void *arg, pid_t pid), void *arg);

/* The same for each thread of @pid but its leader. */
void proc_for_each_thread(pid_t pid, bool (*fn)(void *arg, pid_t pid, pid_t tid), void *arg);

#endif
