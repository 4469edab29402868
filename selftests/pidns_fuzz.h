/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pidns_fuzz: what its parts share.  pidns_fuzz.c runs the callers,
 * pidns_fuzz_env.c builds the namespaces they aim at, pidns_fuzz_calls.c
 * makes the ioctl calls and pidns_fuzz_reads.c the reads and walks.
 */
#ifndef __PIDNS_FUZZ_H
#define __PIDNS_FUZZ_H

#include <stdbool.h>
#include <stdint.h>

#include "seeded_rng.h"

enum fuzz_via { VIA_NONE, VIA_NSFS, VIA_DEV };

enum fuzz_caller {
	CALLER_ROOT,		/* uid 0, every capability */
	CALLER_NO_CAPS,		/* uid 0, no capability */
	CALLER_USERNS,		/* uid 65534 in a user namespace it owns */
	CALLER_CHILD_PIDNS,	/* uid 0 in a child pid namespace */
	CALLERS
};

/* The file descriptors a call may be made on. */
enum fuzz_fd {
	FD_SELF,		/* the caller's active pid namespace */
	FD_INIT_NS,		/* the initial one: an ancestor, for CALLER_CHILD_PIDNS */
	FD_R, FD_NS1, FD_NS2,	/* a chain R > ns1 > ns2 below the initial one */
	FD_SIBLING,		/* another child of the initial one */
	FD_DEAD,		/* its init has exited */
	FD_NO_INIT,		/* no init yet */
	FD_OWNED,		/* CALLER_USERNS: a child its user namespace owns */
	FD_MNT, FD_NET, FD_UTS, FD_IPC, FD_USER, FD_CGROUP, FD_TIME,
	FD_CLOSED,		/* a number no file has */
	FD_REGULAR,		/* a /proc file that is not nsfs's */
	FD_MINUS_ONE,
	FD_KINDS
};

struct fuzz_env {
	int fd[FD_KINDS];
	bool pid_ns[FD_KINDS];	/* an nsfs fd of a pid namespace */
	int dev;		/* /dev/pidns, O_RDWR, when via is VIA_DEV */
	enum fuzz_via via;
	int pid_max;
	long page;
	char *guard;		/* a PROT_NONE page */
	int holders[8], nr_holders;
};

int fuzz_env_setup(struct fuzz_env *env);
int fuzz_env_add_owned_child(struct fuzz_env *env);
void fuzz_env_teardown(struct fuzz_env *env);
const char *fuzz_caller_name(enum fuzz_caller who);
const char *fuzz_fd_name(enum fuzz_fd kind);

/* Failed checks, each printed with the seed and what to replay. */
int fuzz_calls(struct fuzz_env *env, enum fuzz_caller who, uint64_t seed, long n);
int fuzz_hierarchy_reads(uint64_t seed, long n);
int fuzz_nsdir_walks(uint64_t seed, long n);

#endif
