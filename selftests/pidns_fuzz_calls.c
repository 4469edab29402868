// SPDX-License-Identifier: GPL-2.0
/*
 * The ioctl half of pidns_fuzz: random calls of NS_SET_LAST_PID_VEC and
 * NS_GET_LAST_PID_VEC (or of /dev/pidns's), each checked against the
 * errnos Documentation/userspace-api/pid_ns_last_pid.rst gives, and each
 * failed SET against the cursors it must not have moved.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/nsfs.h>
#include <linux/pidns.h>

#include "pidns_fuzz.h"

#define MAX_LEVELS 33
#define MAX_SIZE 16383		/* the size field of an ioctl number */
#define MAX_ERRNO 134

enum size_kind { SIZE_SHORT, SIZE_EXACT, SIZE_LONG_ZERO, SIZE_LONG_DIRTY, SIZE_HUGE, SIZE_KINDS };
enum ptr_kind { PTR_GOOD, PTR_NULL, PTR_GUARD, PTR_PIDS_NULL, PTR_PIDS_GUARD, PTR_PIDS_KERNEL, PTR_KINDS };

struct call {
	bool set;
	enum fuzz_fd fd;
	enum size_kind size_kind;
	size_t size;
	enum ptr_kind ptr;
	uint32_t nr, flags;
	int pids[MAX_LEVELS + 2];
};

/* Where the struct lives, ending in the middle: room for any size. */
static char arena[2 * 65536] __attribute__((aligned(65536)));

static long histogram[2][MAX_ERRNO + 1];

static int pick_pid(uint64_t *rng, int pid_max)
{
	switch (rng_next(rng) % 10) {
	case 0: return -1;
	case 1: return 0;
	case 2: return 1;
	case 3: return pid_max - 1;
	case 4: return pid_max;
	case 5: return pid_max + 1;
	case 6: return INT_MAX;
	case 7: return INT_MIN;
	default: return 300 + rng_next(rng) % 20000;
	}
}

static void draw(struct call *c, uint64_t *rng, int pid_max)
{
	static const uint32_t nrs[] = { 0, 1, 1, 2, 3, 3, 4, 5, 33, 34, 0xffffffff };
	static const uint32_t flags[] = { 0, 0, 0, 0, NS_LAST_PID_VEC_EXACT, NS_LAST_PID_VEC_EXACT,
					  2, 1U << 31, 3 };
	int i;

	memset(c, 0, sizeof(*c));
	c->set = rng_next(rng) & 1;
	c->fd = rng_next(rng) % FD_KINDS;
	/* Most calls aim at pid namespaces, where the checks run deepest. */
	if (rng_next(rng) % 3 && c->fd > FD_OWNED)
		c->fd = rng_next(rng) % (FD_OWNED + 1);
	c->size_kind = rng_next(rng) % SIZE_KINDS;
	switch (c->size_kind) {
	case SIZE_SHORT: c->size = rng_next(rng) % NS_LAST_PID_VEC_SIZE_VER0; break;
	case SIZE_EXACT: c->size = NS_LAST_PID_VEC_SIZE_VER0; break;
	case SIZE_LONG_ZERO:
	case SIZE_LONG_DIRTY: c->size = NS_LAST_PID_VEC_SIZE_VER0 + 1 + rng_next(rng) % 256; break;
	case SIZE_HUGE: c->size = 4097 + rng_next(rng) % (MAX_SIZE - 4096); break;
	default: break;
	}
	c->ptr = rng_next(rng) % 4 ? PTR_GOOD : rng_next(rng) % PTR_KINDS;
	c->nr = rng_next(rng) % 2 ? nrs[rng_next(rng) % (sizeof(nrs) / sizeof(nrs[0]))] :
				      (uint32_t)rng_next(rng) % 40;
	c->flags = flags[rng_next(rng) % (sizeof(flags) / sizeof(flags[0]))];
	for (i = 0; i < MAX_LEVELS + 2; i++)
		c->pids[i] = pick_pid(rng, pid_max);
	/*
	 * Half the calls are plausible ones with at most one fault, so that
	 * the checks past the struct's (levels, capabilities, values, ESRCH,
	 * EEXIST) and successful SETs are reached as often as the early ones.
	 */
	if (rng_next(rng) % 2) {
		c->size_kind = SIZE_EXACT;
		c->size = NS_LAST_PID_VEC_SIZE_VER0;
		c->ptr = PTR_GOOD;
		c->nr = 1 + rng_next(rng) % 4;
		c->flags = c->set && rng_next(rng) % 2 ? NS_LAST_PID_VEC_EXACT : 0;
		for (i = 0; i < MAX_LEVELS + 2; i++)
			c->pids[i] = rng_next(rng) % 8 ? 300 + (int)(rng_next(rng) % 5000) :
							  pick_pid(rng, pid_max);
	}
}

static void describe(char *buf, size_t size, const struct call *c)
{
	static const char *const sizes[] = { "short", "exact", "long, zero tail",
					     "long, non-zero tail", "huge" };
	static const char *const ptrs[] = { "good", "NULL struct", "unmapped struct",
					    "NULL pids", "unmapped pids", "kernel pids" };

	snprintf(buf, size, "%s on %s, size %zu (%s), %s, nr %u, flags %#x, pids %d %d %d %d",
		 c->set ? "SET" : "GET", fuzz_fd_name(c->fd), c->size, sizes[c->size_kind],
		 ptrs[c->ptr], c->nr, c->flags, c->pids[0], c->pids[1], c->pids[2], c->pids[3]);
}

/* The struct for @c, in the arena; the pointer the ioctl gets. */
static void *place(const struct call *c, struct fuzz_env *env)
{
	size_t size = c->size < sizeof(struct ns_last_pid_vec) ? sizeof(struct ns_last_pid_vec) :
							        c->size;
	char *p = arena + sizeof(arena) / 2 - size;
	struct ns_last_pid_vec vec = { .nr = c->nr, .flags = c->flags };
	static int pids[MAX_LEVELS + 2];

	/* Built aside and copied: an odd size leaves the arena's copy unaligned. */
	memset(p, 0, size);
	memcpy(pids, c->pids, sizeof(pids));
	vec.pids = (uintptr_t)pids;
	if (c->size_kind == SIZE_LONG_DIRTY)
		p[c->size - 1] = 0x5a;
	switch (c->ptr) {
	case PTR_NULL: return NULL;
	case PTR_GUARD: return env->guard;
	case PTR_PIDS_NULL: vec.pids = 0; break;
	case PTR_PIDS_GUARD: vec.pids = (uintptr_t)env->guard; break;
	case PTR_PIDS_KERNEL: vec.pids = 0xffff888000000000ULL; break;
	default: break;
	}
	memcpy(p, &vec, sizeof(vec));
	return p;
}

/* 0 or -errno of one vector ioctl on @fd, the nsfs way or the device's. */
static int vec_ioctl(struct fuzz_env *env, bool set, int fd, void *arg, size_t size)
{
	struct pidns_last_pid_req req = { .ns_fd = fd, .vec_size = size, .vec = (uintptr_t)arg };
	unsigned long cmd;
	int ret;

	if (env->via == VIA_DEV) {
		ret = ioctl(env->dev, set ? PIDNS_IOC_SET_LAST_PID_VEC : PIDNS_IOC_GET_LAST_PID_VEC,
			    &req);
	} else {
		cmd = set ? _IOC(_IOC_WRITE, NSIO, _IOC_NR(NS_SET_LAST_PID_VEC), size) :
			    _IOC(_IOC_READ | _IOC_WRITE, NSIO, _IOC_NR(NS_GET_LAST_PID_VEC), size);
		ret = ioctl(fd, cmd, arg);
	}
	/* Both return 0 or -1: anything else is a result of its own. */
	return ret < 0 ? -errno : ret ? -EPROTO : 0;
}

/* Every cursor of every pid namespace fd the caller may read. */
struct cursors {
	int ret[FD_KINDS];
	int n[FD_KINDS];
	int pids[FD_KINDS][MAX_LEVELS + 1];
};

static void read_cursors(struct fuzz_env *env, struct cursors *cur)
{
	int k;

	for (k = 0; k < FD_KINDS; k++) {
		struct ns_last_pid_vec vec = { .nr = MAX_LEVELS + 1, .pids = (uintptr_t)cur->pids[k] };

		if (!env->pid_ns[k])
			continue;
		memset(cur->pids[k], 0, sizeof(cur->pids[k]));
		cur->ret[k] = vec_ioctl(env, false, env->fd[k], &vec, sizeof(vec));
		/* No more than fit: more would be a failure of its own, seen as a change. */
		cur->n[k] = cur->ret[k] ? 0 : vec.nr > MAX_LEVELS + 1 ? MAX_LEVELS + 2 : (int)vec.nr;
	}
}

/*
 * The first fd whose cursors differ between @a and @b, or -1.  The initial
 * pid namespace is left out where it is the caller's own: the kernel's
 * threads fork there at any time.  Every other namespace here is quiet.
 */
static int changed(struct fuzz_env *env, enum fuzz_caller who, const struct cursors *a,
		   const struct cursors *b)
{
	int outer = who != CALLER_CHILD_PIDNS, k;

	for (k = 0; k < FD_KINDS; k++) {
		if (!env->pid_ns[k] || (outer && (k == FD_SELF || k == FD_INIT_NS)))
			continue;
		if (a->ret[k] != b->ret[k] || a->n[k] != b->n[k] ||
		    (a->n[k] > outer && a->n[k] <= MAX_LEVELS + 1 &&
		     memcmp(a->pids[k], b->pids[k], (a->n[k] - outer) * sizeof(a->pids[k][0]))))
			return k;
	}
	return -1;
}

/*
 * The errno the call must fail with when its first fault is certain, or
 * 0 when any of the documented ones will do.  The order is the
 * documentation's: the size, the namespace type, the struct itself, and
 * only then what depends on the namespaces' state.
 */
static int first_fault(const struct call *c, struct fuzz_env *env)
{
	bool dev = env->via == VIA_DEV;

	if (c->fd == FD_CLOSED || c->fd == FD_MINUS_ONE)
		return -EBADF;
	if (c->fd == FD_REGULAR && !dev)
		return -ENOTTY;	/* not nsfs's ioctl at all */
	if (c->size < NS_LAST_PID_VEC_SIZE_VER0)
		return -EINVAL;
	if (dev && c->size > (size_t)env->page)
		return -E2BIG;
	if (!env->pid_ns[c->fd])
		return -EINVAL;
	if (c->ptr == PTR_NULL || c->ptr == PTR_GUARD)
		return -EFAULT;
	if (c->size_kind == SIZE_LONG_DIRTY || c->size_kind == SIZE_HUGE)
		return c->size_kind == SIZE_LONG_DIRTY ? -E2BIG : 0;
	return 0;
}

static bool documented(const struct call *c, int ret)
{
	switch (-ret) {
	case 0: case EFAULT: case EINVAL: case E2BIG: case EPERM:
		return true;
	case ESRCH: case EEXIST:
		return c->set;
	default:
		return false;
	}
}

int fuzz_calls(struct fuzz_env *env, enum fuzz_caller who, uint64_t seed, long n)
{
	uint64_t rng = rng_state(seed, who);
	struct cursors before, after;
	int failures = 0, e, k;
	char what[256];
	long i;

	env->fd[FD_SELF] = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
	if (env->fd[FD_SELF] < 0)
		return 1;
	for (i = 0; i < n; i++) {
		struct call c;
		int ret, want;

		draw(&c, &rng, env->pid_max);
		if (c.set)
			read_cursors(env, &before);
		ret = vec_ioctl(env, c.set, env->fd[c.fd], place(&c, env), c.size);
		histogram[c.set][-ret <= MAX_ERRNO ? -ret : 0]++;
		want = first_fault(&c, env);
		if ((want && ret != want) || (!want && !documented(&c, ret))) {
			describe(what, sizeof(what), &c);
			printf("# FAIL seed %llu, %s, call %ld: %s: got %s, want %s\n",
			       (unsigned long long)seed, fuzz_caller_name(who), i, what,
			       ret ? strerror(-ret) : "success",
			       want ? strerror(-want) : "a documented errno");
			failures++;
		}
		if (c.set && ret) {
			read_cursors(env, &after);
			k = changed(env, who, &before, &after);
			if (k >= 0) {
				describe(what, sizeof(what), &c);
				printf("# FAIL seed %llu, %s, call %ld: %s failed (%s) but moved %s's cursors\n",
				       (unsigned long long)seed, fuzz_caller_name(who), i, what,
				       strerror(-ret), fuzz_fd_name(k));
				failures++;
			}
		}
		if (failures > 20)
			break;
	}
	for (k = 0; k < 2; k++) {
		printf("# %s, %s:", fuzz_caller_name(who), k ? "SET" : "GET");
		for (e = 0; e <= MAX_ERRNO; e++)
			if (histogram[k][e])
				printf(" %s %ld", e ? strerrorname_np(e) : "ok", histogram[k][e]);
		printf("\n");
	}
	return failures;
}
