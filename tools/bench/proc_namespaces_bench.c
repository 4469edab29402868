// SPDX-License-Identifier: GPL-2.0
/*
 * How long it takes to learn every namespace of the system, three ways,
 * side by side in one boot, with 1,000 namespaces made by the benchmark
 * (uts, ipc, cgroup, mnt and net, each kept active by a task that sits in
 * it) and 10,000 tasks in all:
 *
 *   nsdir    read /proc/namespaces (this project's series): open(),
 *            getdents64() with a 32 KiB buffer to the end, close();
 *   listns   listns(2) with ns_type 0 and user_ns_id 0, the set the
 *            directory lists, LISTNS_BATCH ids a call, each call resuming
 *            after the last id the previous one returned;
 *   walk     what lsns does, having neither: for every /proc/<pid>, stat()
 *            its eight ns links and every /proc/<pid>/fd entry, keeping
 *            those on nsfs; the distinct inode numbers are the set.
 *
 * Then what "ls -l /proc/namespaces" costs per entry: readdir, and lstat()
 * and readlink() of each entry by its full path as ls does, with those
 * 1,000 namespaces and again with 9,000 more (10,000 made): the cost of an
 * entry is what must not grow with the number of namespaces.  At the wide
 * point nsdir and listns are measured again, for the record; the walk is
 * not, it is already the slowest thing here by far.
 *
 * Each measurement is one untimed call (it fills the dcache, as any earlier
 * reader of the same names would have), then rounds of timed calls.  The
 * median of each round is taken, and the median, lowest and highest of
 * those round medians are printed, in microseconds:
 *
 *   bench nsdir <made> <tasks> <method> <median_us> <calls> found=<n> min=<us> max=<us>
 *   bench nsdir-lsl <made> <median_us_per_entry> min=<us> max=<us> entries=<n> bad=<n>
 *                   tasks=<n> calls=<n>    (one line)
 *   bench nsdir-check <made> nsdir=<n> listns=<n> walk=<n|-> made=<n> ok|FAIL
 *   bench nsdir skip <why>
 *
 * <made> is how many namespaces the benchmark made (1000, then 10000), on
 * top of the boot's own; <tasks> what /proc lists, kernel threads
 * included; found= what the method's last call found; <calls> the timed
 * calls in all; entries= what the last ls -l listed, bad= how many of them
 * were not a symlink to their own name (0 unless the kernel is wrong).
 * The check line says whether the directory listed at least what listns()
 * did and the walk found at least the namespaces made; a FAIL is printed,
 * not an exit status, so that the numbers still reach the report.  A
 * kernel without /proc/namespaces gets the skip line and exit status 0.
 * For tools/bench/proc_namespaces_report.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nsfs_compat.h"	/* tools/pidns: struct ns_id_req, __NR_listns */

/* The kernel's spellings, which userspace headers do not give. */
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif
#ifndef __aligned
#define __aligned(n)		__attribute__((aligned(n)))
#endif
#ifndef __noreturn
#define __noreturn		__attribute__((noreturn))
#endif

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP		0x02000000
#endif

#define NSDIR			"/proc/namespaces"
#define MADE_NARROW		1000
#define MADE_WIDE		10000
#define TARGET_TASKS		10000
#define MAX_CHILDREN		16384
#define ROUNDS			5
#define WALK_ROUNDS		3
#define MAX_CALLS		101
#define LISTNS_BATCH		256
#define DIRENT_BUF		(32 * 1024)
#define HOLDER_BATCH		128
#define INO_SET_BITS		16

/*
 * The namespaces each holder task unshares.  The first point mixes five
 * types, net included; the wide one leaves net out, the one type whose
 * creation and (asynchronous) teardown would cost more under TCG than
 * the rest of the run, and makes four namespaces per task so as to add
 * 2,250 tasks, not 9,000, to the 10,000.
 */
static const int narrow_sets[] = {
	CLONE_NEWUTS | CLONE_NEWIPC,
	CLONE_NEWUTS | CLONE_NEWCGROUP,
	CLONE_NEWNS | CLONE_NEWIPC,
	CLONE_NEWNET | CLONE_NEWCGROUP,
};

static const int wide_sets[] = {
	CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWCGROUP | CLONE_NEWNS,
};

/* The ns links of /proc/<pid>/ns that lsns reads, one per type. */
static const char *const ns_links[] = {
	"cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts",
};

struct point {
	int made;		/* namespaces made by the benchmark, in all */
	int nsdir_calls;
	int listns_calls;
	int lsl_calls;
	int walk;		/* measure the walk here too */
};

/* Fewer calls where a call lists ten times the entries. */
static const struct point narrow_point = {
	.made = MADE_NARROW, .nsdir_calls = 51, .listns_calls = 51, .lsl_calls = 11, .walk = 1,
};

static const struct point wide_point = {
	.made = MADE_WIDE, .nsdir_calls = 11, .listns_calls = 11, .lsl_calls = 5,
};

struct timing {
	double median, min, max;	/* of the round medians, µs */
	int found;			/* what the last call found */
	int calls;			/* timed calls in all */
};

struct kernel_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

typedef void (*entry_fn)(int dirfd, const char *name, void *arg);
typedef int (*lister_fn)(void);

/* Children block reading @hold until we close its write end, or die. */
static int hold[2];
/* Each holder writes its unshare() errno here, 0 when it is in place. */
static int ready[2];
static pid_t children[MAX_CHILDREN];
static int nr_children;
/* The st_dev of nsfs files: how the walk tells a namespace fd. */
static dev_t nsfs_dev;

static void die(const char *what)
{
	printf("# proc_namespaces_bench: %s: %s\n", what, strerror(errno));
	fflush(stdout);
	exit(1);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int is_dot_or_dotdot(const char *name)
{
	return name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]));
}

/*
 * Calls @fn (when not NULL) on every entry of @dirfd but "." and "..",
 * reading it with getdents64() into a DIRENT_BUF buffer of its own, so that
 * walks can nest.  Returns the number of entries, -1 on error.
 */
static int visit_entries(int dirfd, entry_fn fn, void *arg)
{
	char buf[DIRENT_BUF] __aligned(8);
	int count = 0;

	for (;;) {
		long n = syscall(SYS_getdents64, dirfd, buf, sizeof(buf));
		long off;

		if (n < 0)
			return -1;
		if (n == 0)
			return count;
		for (off = 0; off < n;) {
			struct kernel_dirent64 *d = (void *)(buf + off);

			off += d->d_reclen;
			if (is_dot_or_dotdot(d->d_name))
				continue;
			count++;
			if (fn)
				fn(dirfd, d->d_name, arg);
		}
	}
}

static int open_dir(const char *path)
{
	return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static void count_if_task(int dirfd, const char *name, void *arg)
{
	(void)dirfd;
	if (name[0] >= '1' && name[0] <= '9')
		++*(int *)arg;
}

/* Tasks as /proc lists them: thread group leaders, kernel threads included. */
static int count_tasks(void)
{
	int fd = open_dir("/proc"), tasks = 0;

	if (fd < 0 || visit_entries(fd, count_if_task, &tasks) < 0)
		die("read /proc");
	close(fd);
	return tasks;
}

/* ---- nsdir and listns ---------------------------------------------------- */

static int list_by_nsdir(void)
{
	int fd = open_dir(NSDIR), n;

	if (fd < 0)
		return -1;
	n = visit_entries(fd, NULL, NULL);
	close(fd);
	return n;
}

static int list_by_listns(void)
{
	static __u64 ids[LISTNS_BATCH];
	struct ns_id_req req = { .size = NS_ID_REQ_SIZE_VER0 };
	int total = 0;
	long n;

	for (;;) {
		n = syscall(__NR_listns, &req, ids, LISTNS_BATCH, 0);
		if (n < 0)
			/* ENOENT: nothing after the last id, a full last batch. */
			return errno == ENOENT ? total : -1;
		total += n;
		if (n < LISTNS_BATCH)
			return total;
		req.ns_id = ids[n - 1];
	}
}

/* ---- walk: what lsns does ------------------------------------------------ */

/* Open addressing on inode numbers, which nsfs never makes 0. */
struct ino_set {
	uint64_t *slot;
	unsigned int mask;
	int count;
};

static void ino_set_add(struct ino_set *set, uint64_t ino)
{
	unsigned int i = (unsigned int)((ino * 0x9e3779b97f4a7c15ull) >> 32) & set->mask;

	while (set->slot[i] && set->slot[i] != ino)
		i = (i + 1) & set->mask;
	/* Keep one slot free so that the probe above always ends. */
	if (!set->slot[i] && (unsigned int)set->count < set->mask) {
		set->slot[i] = ino;
		set->count++;
	}
}

static void note_if_nsfs(int fddir, const char *name, void *arg)
{
	struct stat st;

	/* stat(), not lstat(): what the fd is, not the /proc link. */
	if (!fstatat(fddir, name, &st, 0) && st.st_dev == nsfs_dev)
		ino_set_add(arg, st.st_ino);
}

static void note_task_namespaces(int procfd, const char *name, void *arg)
{
	struct ino_set *set = arg;
	int taskfd, fddir;
	struct stat st;
	size_t i;

	if (name[0] < '1' || name[0] > '9')
		return;
	/* Relative to the task's directory, as util-linux's ul_path does. */
	taskfd = openat(procfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (taskfd < 0)
		return;	/* gone since readdir */
	for (i = 0; i < ARRAY_SIZE(ns_links); i++) {
		char path[16];

		snprintf(path, sizeof(path), "ns/%s", ns_links[i]);
		if (!fstatat(taskfd, path, &st, 0))
			ino_set_add(set, st.st_ino);
	}
	fddir = openat(taskfd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fddir >= 0) {
		visit_entries(fddir, note_if_nsfs, set);
		close(fddir);
	}
	close(taskfd);
}

static int list_by_walk(void)
{
	struct ino_set set = { .mask = (1u << INO_SET_BITS) - 1 };
	int procfd = open_dir("/proc"), n;

	set.slot = calloc(set.mask + 1, sizeof(*set.slot));
	if (procfd < 0 || !set.slot)
		return -1;
	n = visit_entries(procfd, note_task_namespaces, &set);
	close(procfd);
	free(set.slot);
	return n < 0 ? -1 : set.count;
}

/* ---- ls -l ----------------------------------------------------------------- */

/* Entries of the last ls -l that were not a symlink to their own name. */
static int lsl_bad;

/*
 * GNU ls -l stats each entry as readdir hands it over (gobble_file()), by
 * the directory's path and the name, and reads the target of a symlink.
 * Counts the entries that are symlinks to their own name, as they must be.
 */
static void stat_and_readlink(int dirfd, const char *name, void *arg)
{
	char path[64], target[64];
	struct stat st;
	ssize_t len;

	(void)dirfd;
	snprintf(path, sizeof(path), NSDIR "/%s", name);
	if (lstat(path, &st) || !S_ISLNK(st.st_mode))
		return;
	len = readlink(path, target, sizeof(target) - 1);
	if (len <= 0)
		return;
	target[len] = '\0';
	if (!strcmp(target, name))
		++*(int *)arg;
}

/* Returns the entries listed: the time per entry is per entry listed. */
static int list_like_ls_l(void)
{
	int fd = open_dir(NSDIR), good = 0, listed;

	if (fd < 0)
		return -1;
	listed = visit_entries(fd, stat_and_readlink, &good);
	close(fd);
	lsl_bad = listed - good;
	return listed;
}

/* ---- timing ---------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void sort_doubles(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
}

/*
 * @rounds rounds of @calls calls of @fn, after one untimed call; with
 * @per_entry, each call's time is divided by what it found.
 */
static struct timing time_calls(const char *what, lister_fn fn, int rounds, int calls,
				int per_entry)
{
	double samples[MAX_CALLS], medians[ROUNDS];
	struct timing t = { .calls = rounds * calls };
	int r, i;

	t.found = fn();
	if (t.found < 0)
		die(what);
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < calls; i++) {
			double start = now_us(), took;

			t.found = fn();
			took = now_us() - start;
			if (t.found < 0)
				die(what);
			samples[i] = per_entry && t.found ? took / t.found : took;
		}
		sort_doubles(samples, calls);
		medians[r] = samples[calls / 2];
	}
	sort_doubles(medians, rounds);
	t.median = medians[rounds / 2];
	t.min = medians[0];
	t.max = medians[rounds - 1];
	return t;
}

static void print_method(int made, int tasks, const char *method, const struct timing *t)
{
	printf("bench nsdir %d %d %s %.1f %d found=%d min=%.1f max=%.1f\n", made, tasks,
	       method, t->median, t->calls, t->found, t->min, t->max);
}

static void print_per_entry(int made, int tasks, const struct timing *t)
{
	printf("bench nsdir-lsl %d %.3f min=%.3f max=%.3f entries=%d bad=%d tasks=%d calls=%d\n",
	       made, t->median, t->min, t->max, t->found, lsl_bad, tasks, t->calls);
}

static void measure_point(const struct point *p)
{
	struct timing nsdir, listns, walk, lsl;
	int tasks = count_tasks(), ok;
	char walk_found[16] = "-";

	printf("# proc_namespaces_bench: %d namespaces made, %d tasks\n", p->made, tasks);
	nsdir = time_calls("read " NSDIR, list_by_nsdir, ROUNDS, p->nsdir_calls, 0);
	print_method(p->made, tasks, "nsdir", &nsdir);
	listns = time_calls("listns", list_by_listns, ROUNDS, p->listns_calls, 0);
	print_method(p->made, tasks, "listns", &listns);
	ok = nsdir.found >= listns.found;
	if (p->walk) {
		walk = time_calls("walk /proc", list_by_walk, WALK_ROUNDS, 1, 0);
		print_method(p->made, tasks, "walk", &walk);
		snprintf(walk_found, sizeof(walk_found), "%d", walk.found);
		ok = ok && walk.found >= p->made;
	}
	lsl = time_calls("ls -l " NSDIR, list_like_ls_l, ROUNDS, p->lsl_calls, 1);
	print_per_entry(p->made, tasks, &lsl);
	printf("bench nsdir-check %d nsdir=%d listns=%d walk=%s made=%d %s\n", p->made,
	       nsdir.found, listns.found, walk_found, p->made, ok ? "ok" : "FAIL");
}

/* ---- the namespaces and tasks ---------------------------------------------- */

/* Raise a sysctl to @want if it is lower; the VM is ours alone. */
static void raise_sysctl(const char *path, long want)
{
	FILE *f = fopen(path, "r+");
	long have;

	if (!f)
		return;	/* a kernel without it has no such limit */
	if (fscanf(f, "%ld", &have) == 1 && have < want) {
		rewind(f);
		if (fprintf(f, "%ld\n", want) < 0 || fflush(f))
			printf("# proc_namespaces_bench: cannot raise %s to %ld\n", path, want);
	}
	fclose(f);
}

static void raise_limits(void)
{
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };

	/* Tasks: the 10,000, the wide point's holders, and room to spare. */
	setrlimit(RLIMIT_NPROC, &unlimited);
	raise_sysctl("/proc/sys/kernel/pid_max", 65536);
	raise_sysctl("/proc/sys/kernel/threads-max", 65536);
	raise_sysctl("/proc/sys/user/max_uts_namespaces", 32768);
	raise_sysctl("/proc/sys/user/max_ipc_namespaces", 32768);
	raise_sysctl("/proc/sys/user/max_mnt_namespaces", 32768);
	raise_sysctl("/proc/sys/user/max_cgroup_namespaces", 32768);
	raise_sysctl("/proc/sys/user/max_net_namespaces", 32768);
}

/* Where every child ends up: blocked in read() until teardown. */
static void __noreturn sit_until_teardown(void)
{
	char c;

	close(hold[1]);
	close(ready[0]);
	close(ready[1]);
	while (read(hold[0], &c, 1) > 0)
		;
	_exit(0);
}

static pid_t fork_child(void)
{
	pid_t pid;

	if (nr_children == MAX_CHILDREN) {
		errno = EAGAIN;
		die("more children than MAX_CHILDREN");
	}
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid > 0)
		children[nr_children++] = pid;
	return pid;
}

/* A task that unshares @flags and sits in the new namespaces. */
static void spawn_holder(int flags)
{
	int err;

	if (fork_child() > 0)
		return;
	err = unshare(flags) ? errno : 0;
	if (write(ready[1], &err, sizeof(err)) != sizeof(err))
		_exit(1);
	sit_until_teardown();
}

static void spawn_sleeper(void)
{
	if (fork_child() == 0)
		sit_until_teardown();
}

/* Wait for @n holders to say they are in place; any failure ends the run. */
static void await_holders(int n)
{
	int err;

	while (n-- > 0) {
		if (read(ready[0], &err, sizeof(err)) != sizeof(err))
			die("read holder status");
		if (err) {
			errno = err;
			die("unshare in a holder");
		}
	}
}

/*
 * Make @want namespaces, cycling through @sets, a holder task each set;
 * holders are started HOLDER_BATCH at a time so that they unshare on the
 * other vCPU while we fork the next.
 */
static void make_namespaces(int want, const int *sets, int nsets)
{
	int made = 0, spawned = 0, pending = 0;
	double start = now_us();

	while (made < want) {
		int flags = sets[spawned++ % nsets];

		spawn_holder(flags);
		made += __builtin_popcount(flags);
		if (++pending == HOLDER_BATCH) {
			await_holders(pending);
			pending = 0;
		}
	}
	await_holders(pending);
	printf("# proc_namespaces_bench: %d namespaces made by %d tasks in %.1f s\n", made,
	       spawned, (now_us() - start) / 1e6);
}

static void fill_tasks(int target)
{
	double start = now_us();
	int have;

	/* A forked child is in /proc as soon as fork() returns. */
	for (have = count_tasks(); have < target; have = count_tasks())
		while (have++ < target)
			spawn_sleeper();
	printf("# proc_namespaces_bench: %d tasks after %.1f s\n", count_tasks(),
	       (now_us() - start) / 1e6);
}

/*
 * SIGKILL each child, then reap them all: the namespaces go with their
 * last task.  A run that dies on the way needs none of this: the children
 * see EOF on @hold when we are gone, and exit.
 */
static void tear_down(void)
{
	double start = now_us();
	int i;

	for (i = 0; i < nr_children; i++)
		kill(children[i], SIGKILL);
	close(hold[1]);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	printf("# proc_namespaces_bench: %d children reaped in %.1f s\n", nr_children,
	       (now_us() - start) / 1e6);
}

static void find_nsfs_dev(void)
{
	struct stat st;

	if (stat("/proc/self/ns/uts", &st))
		die("stat /proc/self/ns/uts");
	nsfs_dev = st.st_dev;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (access(NSDIR, F_OK)) {
		printf("bench nsdir skip %s: %s\n", NSDIR, strerror(errno));
		return 0;
	}
	if (list_by_listns() < 0)
		die("listns");
	find_nsfs_dev();
	raise_limits();
	if (pipe(hold) || pipe(ready))
		die("pipe");

	make_namespaces(MADE_NARROW, narrow_sets,
			ARRAY_SIZE(narrow_sets));
	fill_tasks(TARGET_TASKS);
	measure_point(&narrow_point);

	make_namespaces(MADE_WIDE - MADE_NARROW, wide_sets,
			ARRAY_SIZE(wide_sets));
	measure_point(&wide_point);

	tear_down();
	return 0;
}
