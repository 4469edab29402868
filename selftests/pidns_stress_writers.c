// SPDX-License-Identifier: GPL-2.0
/*
 * The writers of pidns_stress: chains of nested pid namespaces, up to the
 * deepest level the kernel allows, with sibling namespaces on the way and
 * inits that leave their namespace early; and namespaces of every other
 * type, some held by a task and some only by a file descriptor.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pidns_stress.h"
#include "pidns_util.h"
#include "seeded_rng.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static void reap_all(void)
{
	while (wait(NULL) > 0 || errno == EINTR)
		;
}

/*
 * Runs as the init of a namespace @level below the writer's and makes the
 * rest of the chain down to @depth: a child namespace, now and then
 * siblings of it (short side chains) and a plain task, and at the bottom a
 * short rest.  The chain's next link comes from clone3(CLONE_NEWPID) or
 * from unshare() and fork(); after unshare() every fork lands in the new
 * namespace, so that link is the last child.  The init at level @leave
 * leaves at once, and the kernel tears its namespace down under the tasks
 * still in it, the rest of the chain being built below.
 *
 * Below such an init (@doomed), a fork can fail with ENOMEM: the kernel
 * stops pid allocation in a namespace whose init has exited
 * (zap_pid_ns_processes()) before it kills the tasks left there.
 */
static void __attribute__((noreturn)) nest(struct stress *s, uint64_t *rng, int level, int depth,
					   int leave, bool doomed)
{
	bool unshared = false;
	int children;
	pid_t pid;

	count(&s->counts->pid_ns, 1);
	count_max(&s->counts->deepest, level);
	doomed |= leave && level > leave;
	if (level == STRESS_MAX_LEVEL) {
		pid = clone3_set_tid(CLONE_NEWPID, NULL, 0);
		if (pid == 0)
			_exit(0);
		if (pid < 0 && errno == ENOSPC)
			count(&s->counts->level_limit, 1);
		else if (pid < 0 && errno == ENOMEM && doomed)
			count(&s->counts->forks_refused_dying, 1);
		else
			stress_fail(&s->counts->writer_errors,
				    "a pid namespace below level %d: got %d (%s), not ENOSPC",
				    level, pid, pid < 0 ? strerror(errno) : "created");
	}
	if (rng_below(rng, 4) == 0) {
		pid = fork();
		if (pid == 0) {
			usleep(rng_below(rng, 5000));
			_exit(0);
		}
		if (pid < 0 && !(errno == ENOMEM && doomed))
			stress_fail(&s->counts->writer_errors, "level %d: fork: %s", level,
				    strerror(errno));
	}
	for (children = 0; level < depth && children < 3 && !unshared; children++) {
		int bottom = children ? level + 1 + (int)rng_below(rng, 3) : depth;

		if (children && rng_below(rng, 4))
			break;
		if (!children && rng_below(rng, 2)) {
			unshared = true;
			pid = unshare(CLONE_NEWPID) ? -1 : fork();
		} else {
			pid = clone3_set_tid(CLONE_NEWPID, NULL, 0);
		}
		if (pid < 0 && errno == ENOMEM && (doomed || level == leave)) {
			count(&s->counts->forks_refused_dying, 1);
			break;
		}
		if (pid < 0) {
			stress_fail(&s->counts->writer_errors, "level %d: new pid namespace: %s",
				    level + 1, strerror(errno));
			break;
		}
		if (pid == 0) {
			/* A stream of its own, not the parent's shifted by one draw. */
			*rng = rng_state(rng_next(rng), level);
			nest(s, rng, level + 1, bottom < depth ? bottom : depth,
			     children ? 0 : leave, doomed || level == leave);
		}
		rng_next(rng);
	}
	if (level == leave) {
		count(&s->counts->init_gone_early, 1);
		_exit(0);
	}
	if (level == depth)
		usleep(rng_below(rng, 20000));
	reap_all();
	_exit(0);
}

void stress_nest_pid(struct stress *s, uint64_t seed)
{
	uint64_t rng = rng_state(seed, 1);
	bool first = true;

	while (stress_running(s)) {
		/*
		 * The first chain goes all the way down, whatever the draws;
		 * then half of them do, the rest anywhere; in one of three,
		 * an init above the bottom leaves early.
		 */
		int depth = first || rng_below(&rng, 2) ? s->max_depth :
			    1 + (int)rng_below(&rng, s->max_depth);
		int leave = !first && depth > 1 && !rng_below(&rng, 3) ?
			    1 + (int)rng_below(&rng, depth - 1) : 0;
		pid_t pid;

		first = false;
		rng_next(&rng);
		pid = clone3_set_tid(CLONE_NEWPID, NULL, 0);
		if (pid == 0)
			nest(s, &rng, 1, depth, leave, false);
		if (pid < 0) {
			stress_fail(&s->counts->writer_errors, "clone3(CLONE_NEWPID): %s",
				    strerror(errno));
			usleep(10000);
			continue;
		}
		count(&s->counts->chains, 1);
		if (wait_for_exit(pid) != 0)
			stress_fail(&s->counts->writer_errors, "a chain of depth %d failed", depth);
	}
}

static const struct {
	int flag;
	const char *name;
	enum stress_ns_type type;
} other_types[] = {
	{ CLONE_NEWCGROUP, "cgroup", T_CGROUP }, { CLONE_NEWIPC, "ipc", T_IPC },
	{ CLONE_NEWNS, "mnt", T_MNT }, { CLONE_NEWNET, "net", T_NET },
	{ CLONE_NEWTIME, "time_for_children", T_TIME }, { CLONE_NEWUTS, "uts", T_UTS },
};
#define OTHER_TYPES (sizeof(other_types) / sizeof(other_types[0]))

static int open_own_ns(const char *name)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/ns/%s", name);
	return open(path, O_RDONLY | O_CLOEXEC);
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok ? 0 : -1;
}

/* A user namespace in which the caller is root, as "unshare -Ur" makes it. */
static int unshare_user_as_root(void)
{
	if (unshare(CLONE_NEWUSER))
		return -1;
	/* Nesting another one needs the owner mapped in this one. */
	if (write_file("/proc/self/setgroups", "deny") ||
	    write_file("/proc/self/uid_map", "0 0 1") ||
	    write_file("/proc/self/gid_map", "0 0 1"))
		return -1;
	return 0;
}

static void __attribute__((noreturn)) others_failed(struct stress *s, unsigned int mask,
						    const char *step)
{
	stress_fail(&s->counts->writer_errors, "namespaces of mask %#x: %s: %s", mask, step,
		    strerror(errno));
	_exit(1);
}

/*
 * In a child: new namespaces of the types in @mask.  Either the child
 * stays in them, under nested user namespaces now and then, or it keeps
 * only a file descriptor of each and goes back to where it was, so that
 * the file is their last holder.
 */
static void __attribute__((noreturn)) make_others(struct stress *s, uint64_t *rng, unsigned int mask)
{
	int old[OTHER_TYPES], held[OTHER_TYPES];
	bool by_fd = rng_below(rng, 2);
	int users = by_fd ? 0 : (int)rng_below(rng, 4);
	unsigned int i, flags = 0;

	for (i = 0; i < OTHER_TYPES; i++) {
		old[i] = held[i] = -1;
		if (!(mask & (1U << i)))
			continue;
		flags |= other_types[i].flag;
		/* A time namespace is for children: what setns() takes back is the active one. */
		if (by_fd && (old[i] = open_own_ns(other_types[i].flag == CLONE_NEWTIME ?
						   "time" : other_types[i].name)) < 0)
			others_failed(s, mask, "open the old namespace");
	}
	if (users && unshare_user_as_root())
		others_failed(s, mask, "a user namespace");
	if (unshare(flags))
		others_failed(s, mask, "unshare");
	for (i = 1; i < (unsigned int)users; i++)
		if (unshare_user_as_root())
			others_failed(s, mask, "a nested user namespace");
	count(&s->counts->other_ns[T_USER], users);
	for (i = 0; i < OTHER_TYPES; i++) {
		if (!(mask & (1U << i)))
			continue;
		count(&s->counts->other_ns[other_types[i].type], 1);
		if (!by_fd)
			continue;
		held[i] = open_own_ns(other_types[i].name);
		if (held[i] < 0)
			others_failed(s, mask, "open the new namespace");
		/*
		 * Back to the old one; for time, setns() also makes it the one
		 * for children again, so the fd is the new one's only holder.
		 */
		if (setns(old[i], other_types[i].flag))
			others_failed(s, mask, "setns back to the old namespace");
	}
	if (by_fd)
		count(&s->counts->held_by_fd, __builtin_popcount(mask));
	usleep(rng_below(rng, 5000));
	_exit(0);
}

void stress_other_types(struct stress *s, uint64_t seed)
{
	uint64_t rng = rng_state(seed, 2);

	while (stress_running(s)) {
		unsigned int mask = 1 + rng_below(&rng, (1U << OTHER_TYPES) - 1);
		pid_t pid;
		int status;

		rng_next(&rng);
		pid = fork();
		if (pid == 0)
			make_others(s, &rng, mask);
		if (pid < 0) {
			stress_fail(&s->counts->writer_errors, "fork: %s", strerror(errno));
			usleep(10000);
			continue;
		}
		/* A failed step said what failed; only a death is news here. */
		status = wait_for_exit(pid);
		if (status < 0)
			stress_fail(&s->counts->writer_errors,
				    "namespaces of mask %#x: the child died", mask);
	}
}
