/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The example tree of the pidns-hierarchy seed (Chen Hanxiao, v8, 2014),
 * built with clone3() set_tid so that every number is known in advance:
 *
 *          init_pid_ns   ns1    ns2
 *   t1     B+2
 *   t2     B+3           1              init of ns1, mounts SEED_PROC1
 *   t3     B+4           3
 *   t4     B+5           5      1       init of ns2, mounts SEED_PROC2,
 *                                       session leader
 *   t5     B+6           8      3       process-group leader
 *   thread (any)         9      4       a second thread of t5
 *
 * Host numbers are offset by B = SEED_HOST_BASE: low pids belong to kernel
 * threads.  The thread's numbers in ns1 and ns2 come from writing
 * ns_last_pid in each (8, then 3) just before it is created; its host
 * number is whatever the initial namespace hands out.
 *
 * Used by the pidns_status selftest and by the `make run` demo.
 */
#ifndef SEED_TREE_H
#define SEED_TREE_H

#include <sys/types.h>

#define SEED_HOST_BASE 20000
#define SEED_PROC1 "/tmp/seed_tree.proc1"
#define SEED_PROC2 "/tmp/seed_tree.proc2"

enum seed_task { T1, T2, T3, T4, T5, THREAD, SEED_NR_TASKS };

extern const char *const seed_task_names[SEED_NR_TASKS];
/* Levels each task has: 1 + the level of its namespace. */
extern const int seed_task_levels[SEED_NR_TASKS];
/* NSpid from the initial namespace inwards; [THREAD][0] set by seed_tree_build(). */
extern int seed_nspid[SEED_NR_TASKS][3];

/*
 * Builds the tree and waits until every task is in place.  Returns 0, or
 * -1 with a message on stdout; seed_tree_release() cleans up either way.
 */
int seed_tree_build(void);

/* Lets every task exit; returns 0 if all of them exited cleanly. */
int seed_tree_release(void);

#endif /* SEED_TREE_H */
