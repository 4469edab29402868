// SPDX-License-Identifier: GPL-2.0
/*
 * The readers of pidns_stress, which run while the writers churn:
 * /proc/pidns_hierarchy through several proc mounts and from inside a
 * child pid namespace, /proc/namespaces listed in small getdents buffers,
 * resumed from a saved offset and its entries opened, and the ns_last_pid
 * vector read and written back on namespaces found there.  Every read must
 * parse, and every call must succeed or fail as documented for a
 * namespace that goes away under it.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/nsfs.h>
#include <linux/pidns.h>

#include "pidns_stress.h"
#include "pidns_util.h"
#include "seeded_rng.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

#define HIERARCHY_MAX (1 << 20)

static char text[HIERARCHY_MAX];

/* ---- /proc/pidns_hierarchy ------------------------------------------------ */

/* A line is at least "1 1 1 1\n": the most a snapshot can hold. */
#define LINES_MAX (HIERARCHY_MAX / 8)
static struct hier_line lines[LINES_MAX];

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* One field: decimal digits, no sign, no leading zero (every field is >= 1). */
static bool parse_field(const char **p, const char *end, unsigned long long *value)
{
	const char *q = *p;
	unsigned long long v = 0;

	if (q >= end || *q < '1' || *q > '9')
		return false;
	for (; q < end && *q >= '0' && *q <= '9'; q++) {
		if (v > (ULLONG_MAX - 9) / 10)
			return false;
		v = v * 10 + (*q - '0');
	}
	*p = q;
	*value = v;
	return true;
}

/* "<init> <parent> <level> <id>", one space apart; later fields are ignored. */
static bool parse_line(const char *line, const char *nl, struct hier_line *l)
{
	unsigned long long *field[] = { &l->init, &l->parent, &l->level, &l->id };
	const char *p = line;
	size_t i;

	for (i = 0; i < 4; i++) {
		if (i && (p >= nl || *p++ != ' '))
			return false;
		if (!parse_field(&p, nl, field[i]))
			return false;
	}
	return p == nl || *p == ' ';
}

/*
 * A snapshot is one tree in depth-first pre-order: a line's parent is the
 * init of the nearest line above it one level up (1, the mount's own init,
 * for level 1); siblings come by ascending init, a tie (a pid reused during
 * the walk) by ascending id; a namespace is younger than its parent, so its
 * id is larger; no level is deeper than the kernel allows and no id repeats.
 */
long stress_parse_hierarchy(const char *buf, size_t len, int max_level,
			    struct hier_line *out, size_t capacity, char *why, size_t why_size)
{
	static uint64_t ids[LINES_MAX];
	unsigned long long init_at[STRESS_MAX_LEVEL + 2] = { 1 }, id_at[STRESS_MAX_LEVEL + 2] = { 0 };
	struct hier_line last_child[STRESS_MAX_LEVEL + 2] = { { 0 } };
	const char *line = buf, *end = buf + len;
	size_t n = 0, i;
	int level = 0;

	while (line < end) {
		const char *nl = memchr(line, '\n', end - line);
		struct hier_line l;
		struct hier_line *prev;

		if (!nl || n == capacity || n == LINES_MAX) {
			snprintf(why, why_size, "line %zu is cut, or there are too many", n + 1);
			return -1;
		}
		if (!parse_line(line, nl, &l) || l.level > (unsigned long long)max_level ||
		    (int)l.level > level + 1) {
			snprintf(why, why_size, "line %zu, '%.*s': not <init> <parent> <level 1..%d, at most %d> <id>",
				 n + 1, (int)(nl - line), line, max_level, level + 1);
			return -1;
		}
		level = l.level;
		prev = &last_child[level - 1];
		if (l.parent != init_at[level - 1] ||
		    (prev->init && (l.init < prev->init || (l.init == prev->init && l.id <= prev->id))) ||
		    l.id <= id_at[level - 1]) {
			snprintf(why, why_size, "line %zu, '%.*s': parent should be %llu (id below %llu), after sibling %llu",
				 n + 1, (int)(nl - line), line, init_at[level - 1], l.id,
				 prev->init);
			return -1;
		}
		init_at[level] = l.init;
		id_at[level] = l.id;
		*prev = l;
		memset(&last_child[level], 0, sizeof(last_child[level]));
		out[n] = l;
		ids[n++] = l.id;
		line = nl + 1;
	}
	qsort(ids, n, sizeof(ids[0]), cmp_u64);
	for (i = 1; i < n; i++)
		if (ids[i] == ids[i - 1]) {
			snprintf(why, why_size, "namespace id %llu is listed twice",
				 (unsigned long long)ids[i]);
			return -1;
		}
	return n;
}

bool stress_parser_refuses_bad_input(void)
{
	static const char *const bad[] = {
		"5 1 1 abc\n", "-5 1 1 7\n", "05 1 1 7\n", "5  1 1 7\n", "5 1 1\n",
		"5 1 1 0\n", "5 1 2 7\n", "10 1 1 5\n11 9 2 6\n", "10 1 1 5\n11 10 2 4\n",
		"12 1 1 5\n11 1 1 6\n", "10 1 1 5\n11 1 1 5\n", "10 1 1 5", "5 1 1 7x\n",
	};
	static const char good[] = "10 1 1 5\n11 10 2 6 later fields\n12 1 1 7\n12 1 1 9\n";
	struct hier_line l[8];
	char why[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (stress_parse_hierarchy(bad[i], strlen(bad[i]), STRESS_MAX_LEVEL, l, 8,
					   why, sizeof(why)) >= 0) {
			printf("# the checker takes '%s'\n", bad[i]);
			return false;
		}
	if (stress_parse_hierarchy(good, strlen(good), STRESS_MAX_LEVEL, l, 8, why,
				   sizeof(why)) != 4) {
		printf("# the checker refuses a good snapshot: %s\n", why);
		return false;
	}
	return true;
}

/* One whole read of @path, in chunks of @chunk bytes; -1 on error or overflow. */
static ssize_t read_in_chunks(const char *path, size_t chunk)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = 0, len = 0;

	if (fd < 0)
		return -1;
	while ((size_t)len < sizeof(text) &&
	       (n = read(fd, text + len, chunk < sizeof(text) - len ? chunk : sizeof(text) - len)) > 0)
		len += n;
	close(fd);
	if ((size_t)len == sizeof(text)) {
		errno = EFBIG;
		return -1;
	}
	return n < 0 ? -1 : len;
}

/* Read @path, check it; the lines parsed into lines[], or -1 (reported). */
static long read_and_check(struct stress *s, uint64_t *rng, const char *path, int max_level,
			   long *reads)
{
	size_t chunk = 1 + rng_below(rng, rng_below(rng, 2) ? 64 : 8192);
	ssize_t len = read_in_chunks(path, chunk);
	char why[256];
	long n, i;

	if (len < 0) {
		stress_fail(&s->counts->hier_bad, "read %s: %s", path, strerror(errno));
		return -1;
	}
	n = stress_parse_hierarchy(text, len, max_level, lines, LINES_MAX, why, sizeof(why));
	if (n < 0) {
		stress_fail(&s->counts->hier_bad, "%s, read in %zu-byte chunks: %s", path, chunk, why);
		return -1;
	}
	count(reads, 1);
	count(&s->counts->hier_lines, n);
	for (i = 0; i < n; i++)
		count_max(&s->counts->hier_max_level, lines[i].level);
	return n;
}

/* A mount namespace of the reader's own, so that its proc mounts go with it. */
static int private_mounts(void)
{
	if (unshare(CLONE_NEWNS))
		return -1;
	return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
}

/*
 * Worker @worker reads the file through /proc and two proc mounts of its
 * own, one with hidepid=invisible: each mount is a superblock of its own.
 */
void stress_read_hierarchy(struct stress *s, uint64_t seed, int worker)
{
	uint64_t rng = rng_state(seed, 10 + worker);
	char paths[3][256], dir[2][128];
	int i;

	snprintf(paths[0], sizeof(paths[0]), "/proc/pidns_hierarchy");
	for (i = 0; i < 2; i++) {
		snprintf(dir[i], sizeof(dir[i]), "%s/proc-%d-%d", s->dir, worker, i);
		snprintf(paths[i + 1], sizeof(paths[i + 1]), "%s/proc-%d-%d/pidns_hierarchy",
			 s->dir, worker, i);
	}
	if (private_mounts() || mount_proc(dir[0]) ||
	    mkdir(dir[1], 0755) || mount("proc", dir[1], "proc", 0, "hidepid=invisible")) {
		stress_fail(&s->counts->hier_bad, "reader %d: proc mounts: %s", worker,
			    strerror(errno));
		return;
	}
	while (stress_running(s))
		read_and_check(s, &rng, paths[rng_below(&rng, 3)], STRESS_MAX_LEVEL,
			       &s->counts->hier_reads);
}

/*
 * A chain of @depth nested pid namespaces below the child reader, each
 * init waiting for the next; the bottom writes to @ready once all exist
 * and stays until @hold is closed.  Returns the top init, or -1.
 */
static pid_t hold_chain(int depth, int ready[2], int hold[2])
{
	pid_t top = clone3_set_tid(CLONE_NEWPID, NULL, 0);
	char c;

	if (top)
		return top;
	close(ready[0]);
	close(hold[1]);
	while (--depth > 0) {
		pid_t next = clone3_set_tid(CLONE_NEWPID, NULL, 0);

		if (next) {
			close(ready[1]);
			close(hold[0]);
			_exit(next < 0 ? 1 : wait_for_exit(next));
		}
	}
	if (write(ready[1], "x", 1) != 1)
		_exit(1);
	close(ready[1]);
	while (read(hold[0], &c, 1) > 0)
		;
	_exit(0);
}

/*
 * The reader is the only task that makes namespaces below its own, so
 * while it holds a chain, its proc's file must show exactly that chain:
 * one line per level, each the parent of the next, the top one's init the
 * task clone3() returned, and each id the one NS_GET_ID gives for
 * /proc/<init>/ns/pid there.
 */
static void check_held_chain(struct stress *s, uint64_t *rng, const char *dir, const char *path)
{
	int ready[2], hold[2], depth = 1 + rng_below(rng, 8);
	long n, i;
	pid_t top;
	char c;

	if (pipe(ready) || pipe(hold)) {
		stress_fail(&s->counts->hier_bad, "child reader: pipe: %s", strerror(errno));
		return;
	}
	top = hold_chain(depth, ready, hold);
	close(ready[1]);
	close(hold[0]);
	if (top < 0 || read(ready[0], &c, 1) != 1) {
		stress_fail(&s->counts->writer_errors, "a chain of %d below the child reader: %s",
			    depth, strerror(errno));
	} else if ((n = read_and_check(s, rng, path, STRESS_MAX_LEVEL - 1,
				       &s->counts->hier_child_reads)) >= 0) {
		bool exact = n == depth;

		for (i = 0; exact && i < n; i++) {
			char ns_path[300];
			__u64 id = 0;
			int fd;

			snprintf(ns_path, sizeof(ns_path), "%s/%llu/ns/pid", dir, lines[i].init);
			fd = open(ns_path, O_RDONLY | O_CLOEXEC);
			exact = lines[i].level == (unsigned long long)i + 1 &&
				(i ? lines[i].parent == lines[i - 1].init :
				     lines[i].init == (unsigned long long)top) &&
				fd >= 0 && !ioctl(fd, NS_GET_ID, &id) && id == lines[i].id;
			if (fd >= 0)
				close(fd);
		}
		if (exact)
			count(&s->counts->hier_exact, 1);
		else
			stress_fail(&s->counts->hier_bad,
				    "a held chain of %d from init %d: %ld lines, not that chain (line %ld)",
				    depth, top, n, i);
	}
	close(ready[0]);
	close(hold[1]);
	if (top > 0 && wait_for_exit(top))
		stress_fail(&s->counts->writer_errors, "a chain below the child reader failed");
}

/*
 * The same from inside a child pid namespace with its own proc mount:
 * plain reads, and reads while it holds a chain of its own below.
 */
void stress_read_hierarchy_in_child(struct stress *s, uint64_t seed)
{
	uint64_t rng = rng_state(seed, 20);
	char dir[256], path[300];
	pid_t init;

	snprintf(dir, sizeof(dir), "%s/proc-child", s->dir);
	snprintf(path, sizeof(path), "%s/pidns_hierarchy", dir);
	if (unshare(CLONE_NEWPID) || (init = fork()) < 0) {
		stress_fail(&s->counts->hier_bad, "child reader: %s", strerror(errno));
		return;
	}
	if (init) {
		if (wait_for_exit(init))
			stress_fail(&s->counts->hier_bad, "the child reader's init failed");
		return;
	}
	if (private_mounts() || mount_proc(dir)) {
		stress_fail(&s->counts->hier_bad, "child reader: proc mount: %s", strerror(errno));
		_exit(1);
	}
	while (stress_running(s)) {
		if (rng_below(&rng, 2))
			check_held_chain(s, &rng, dir, path);
		else
			read_and_check(s, &rng, path, STRESS_MAX_LEVEL - 1,
				       &s->counts->hier_child_reads);
	}
	_exit(0);
}

/* ---- /proc/namespaces ----------------------------------------------------- */

static const char *const type_names[NS_TYPES] = {
	[T_CGROUP] = "cgroup", [T_IPC] = "ipc", [T_MNT] = "mnt", [T_NET] = "net",
	[T_PID] = "pid", [T_TIME] = "time", [T_USER] = "user", [T_UTS] = "uts",
};

static const int type_flags[NS_TYPES] = {
	[T_CGROUP] = CLONE_NEWCGROUP, [T_IPC] = CLONE_NEWIPC, [T_MNT] = CLONE_NEWNS,
	[T_NET] = CLONE_NEWNET, [T_PID] = CLONE_NEWPID, [T_TIME] = CLONE_NEWTIME,
	[T_USER] = CLONE_NEWUSER, [T_UTS] = CLONE_NEWUTS,
};

/* '<type>:[<inum>]', the inum decimal without a leading zero: its type, or -1. */
static int parse_name(const char *name, unsigned long *inum)
{
	const char *colon = strchr(name, ':');
	char *end;
	int t;

	if (!colon || colon[1] != '[' || colon[2] < '1' || colon[2] > '9')
		return -1;
	for (t = 0; t < NS_TYPES; t++)
		if ((size_t)(colon - name) == strlen(type_names[t]) &&
		    !strncmp(name, type_names[t], colon - name))
			break;
	if (t == NS_TYPES)
		return -1;
	errno = 0;
	*inum = strtoul(colon + 2, &end, 10);
	if (errno || *inum > UINT32_MAX || strcmp(end, "]"))
		return -1;
	return t;
}

/* The names one pass has listed: open addressing, cleared per pass. */
#define SEEN_SLOTS (1 << 16)
static uint64_t seen[SEEN_SLOTS];

static uint64_t *seen_slot(int type, unsigned long inum)
{
	uint64_t key = ((uint64_t)(type + 1) << 32) | inum;
	uint64_t i = (key * 0x9E3779B97F4A7C15ULL) >> 48;

	/* Far fewer names than slots live at once: a free slot comes. */
	while (seen[i] && seen[i] != key)
		i = (i + 1) % SEEN_SLOTS;
	return &seen[i];
}

static bool seen_before(int type, unsigned long inum)
{
	uint64_t *slot = seen_slot(type, inum);
	bool was = *slot;

	*slot = ((uint64_t)(type + 1) << 32) | inum;
	return was;
}

/* Open a listed entry: the namespace it names, or ENOENT if it went. */
static void open_entry(struct stress *s, int dir, const char *name, int type, unsigned long inum)
{
	int fd = openat(dir, name, O_RDONLY | O_CLOEXEC), nstype;
	char target[64];
	struct stat st;
	ssize_t len;
	__u64 id = 0;

	if (fd < 0) {
		if (errno == ENOENT)
			count(&s->counts->opens_gone, 1);
		else
			stress_fail(&s->counts->dir_bad, "open %s: %s", name, strerror(errno));
		return;
	}
	count(&s->counts->opens, 1);
	if (fstat(fd, &st))
		stress_fail(&s->counts->dir_bad, "fstat %s: %s", name, strerror(errno));
	else if (st.st_ino != inum)
		stress_fail(&s->counts->dir_bad, "%s opens inode %lu", name, (unsigned long)st.st_ino);
	else if ((nstype = ioctl(fd, NS_GET_NSTYPE)) != type_flags[type])
		stress_fail(&s->counts->dir_bad, "%s opens a namespace of type %#x", name, nstype);
	else if (ioctl(fd, NS_GET_ID, &id) || !id)
		stress_fail(&s->counts->dir_bad, "NS_GET_ID on %s: %s", name, strerror(errno));
	close(fd);
	len = readlinkat(dir, name, target, sizeof(target) - 1);
	if (len >= 0) {
		target[len] = 0;
		if (strcmp(target, name))
			stress_fail(&s->counts->dir_bad, "%s links to '%s'", name, target);
	} else if (errno != ENOENT) {
		stress_fail(&s->counts->dir_bad, "readlink %s: %s", name, strerror(errno));
	}
}

/*
 * Namespaces the walker holds by an fd for a while: each exists before
 * the passes that follow its making start, so each of those passes, resumed
 * or not, must list it.  Up to ANCHORS at once, the oldest let go first.
 */
#define ANCHORS 4
static struct anchor {
	int fd;
	unsigned long inum;
} anchors[ANCHORS];
static int nr_anchors;

static void anchor_one_more(struct stress *s)
{
	int old = open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC), fd = -1;
	struct stat st;

	if (nr_anchors == ANCHORS) {
		close(anchors[0].fd);
		memmove(anchors, anchors + 1, sizeof(anchors[0]) * --nr_anchors);
	}
	if (old < 0 || unshare(CLONE_NEWUTS) ||
	    (fd = open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC)) < 0 ||
	    setns(old, CLONE_NEWUTS) || fstat(fd, &st)) {
		stress_fail(&s->counts->dir_bad, "an fd-held uts namespace: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
	} else {
		anchors[nr_anchors].fd = fd;
		anchors[nr_anchors++].inum = st.st_ino;
	}
	if (old >= 0)
		close(old);
}

/*
 * One listing, in getdents buffers of 64 bytes and up.  Now and then the
 * walk stops, reopens the directory and seeks to the offset of the last
 * record it read: the listing must resume after it.  A record's d_off is
 * the position after it, which grows with the ids, so it must rise from
 * record to record, dots included, resumed or not: no namespace comes
 * twice.  A name can come twice, when a namespace that went gave its
 * inode number to a newer one.
 */
static void walk_once(struct stress *s, uint64_t *rng)
{
	char buf[2048] __attribute__((aligned(8)));
	int dir = open(NSDIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC), i, held = nr_anchors;
	off_t resume_at = 0;
	long n, entries = 0;
	bool bad = false;

	if (dir < 0) {
		stress_fail(&s->counts->dir_bad, "open " NSDIR ": %s", strerror(errno));
		return;
	}
	memset(seen, 0, sizeof(seen));
	for (;;) {
		size_t size = 64 + rng_below(rng, sizeof(buf) - 64);
		struct dirent64 *d;
		long off = 0;

		n = syscall(SYS_getdents64, dir, buf, size);
		if (n <= 0)
			break;
		while ((d = stress_next_dirent(buf, n, &off, &bad))) {
			unsigned long inum;
			int type;

			if ((off_t)d->d_off <= resume_at)
				stress_fail(&s->counts->dir_bad, "%s at offset %lld, after %lld",
					    d->d_name, (long long)d->d_off, (long long)resume_at);
			resume_at = d->d_off;
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			type = parse_name(d->d_name, &inum);
			if (type < 0 || d->d_type != DT_LNK) {
				stress_fail(&s->counts->dir_bad, "entry '%s', d_type %d",
					    d->d_name, d->d_type);
				continue;
			}
			if (seen_before(type, inum))
				count(&s->counts->names_reused, 1);
			entries++;
			if (rng_below(rng, 16) == 0)
				open_entry(s, dir, d->d_name, type, inum);
		}
		if (bad) {
			stress_fail(&s->counts->dir_bad, "getdents64 gave a record that does not fit");
			break;
		}
		if (rng_below(rng, 32) == 0) {
			close(dir);
			dir = open(NSDIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (dir < 0 || lseek(dir, resume_at, SEEK_SET) != resume_at) {
				stress_fail(&s->counts->dir_bad, "resume at %lld: %s",
					    (long long)resume_at, strerror(errno));
				n = 0;
				bad = true;
				break;
			}
			count(&s->counts->dir_resumes, 1);
		}
	}
	if (n < 0)
		stress_fail(&s->counts->dir_bad, "getdents64: %s", strerror(errno));
	for (i = 0; n == 0 && !bad && i < held; i++) {
		if (*seen_slot(T_UTS, anchors[i].inum))
			count(&s->counts->anchors_found, 1);
		else
			stress_fail(&s->counts->dir_bad, "uts:[%lu], held by an fd all along, not listed",
				    anchors[i].inum);
	}
	if (dir >= 0)
		close(dir);
	count(&s->counts->dir_passes, 1);
	count(&s->counts->dir_entries, entries);
}

void stress_walk_nsdir(struct stress *s, uint64_t seed)
{
	uint64_t rng = rng_state(seed, 30);
	long passes = 0;

	while (stress_running(s)) {
		if (passes++ % 8 == 0)
			anchor_one_more(s);
		walk_once(s, &rng);
	}
	while (nr_anchors)
		close(anchors[--nr_anchors].fd);
}

/* ---- the ns_last_pid vector ----------------------------------------------- */

/* A pid namespace listed in /proc/namespaces, at random; -1 if none opened. */
static int open_some_pidns(struct stress *s, uint64_t *rng)
{
	char buf[4096] __attribute__((aligned(8)));
	char name[256] = "";
	int dir = open(NSDIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC), fd = -1;
	long n, off, seen_pid = 0;
	bool bad = false;
	struct dirent64 *d;

	if (dir < 0) {
		stress_fail(&s->counts->setget_bad, "open " NSDIR ": %s", strerror(errno));
		return -1;
	}
	while ((n = syscall(SYS_getdents64, dir, buf, sizeof(buf))) > 0)
		for (off = 0; (d = stress_next_dirent(buf, n, &off, &bad));)
			/* Reservoir sampling: each pid entry equally likely. */
			if (!strncmp(d->d_name, "pid:", 4) && rng_below(rng, ++seen_pid) == 0)
				snprintf(name, sizeof(name), "%s", d->d_name);
	if (n < 0 || bad || !seen_pid)
		stress_fail(&s->counts->setget_bad, NSDIR " for a pid namespace: %s",
			    n < 0 ? strerror(errno) : bad ? "a bad record" : "none listed");
	else if ((fd = openat(dir, name, O_RDONLY | O_CLOEXEC)) < 0 && errno != ENOENT)
		stress_fail(&s->counts->setget_bad, "open %s: %s", name, strerror(errno));
	close(dir);
	return fd;
}

/* A level reads -1 before its first pid: only the innermost can, having no init yet. */
static bool outer_levels_started(const __s32 *pids, unsigned int nr)
{
	while (--nr > 0)
		if (pids[nr] < 0)
			return false;
	return true;
}

/*
 * GET the cursors of a namespace and SET them back as read.  Forks between
 * the two make that SET move a cursor back, which only makes the next
 * pids come from lower free ones: the writers do not mind.  GET works on
 * any namespace; SET gives ESRCH for one whose init is gone or not there
 * yet (then it reads -1).  The initial namespace, the caller's own, has
 * one level, always started, and its SET must work.
 */
void stress_set_get(struct stress *s, uint64_t seed)
{
	uint64_t rng = rng_state(seed, 40);
	int own = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);

	while (stress_running(s)) {
		__s32 pids[STRESS_MAX_LEVEL + 1];
		struct ns_last_pid_vec vec = { .nr = STRESS_MAX_LEVEL + 1,
					       .pids = (uintptr_t)pids };
		bool is_own = !rng_below(&rng, 4);
		int fd = is_own ? dup(own) : open_some_pidns(s, &rng);

		if (fd < 0)
			continue;
		if (ioctl(fd, NS_GET_LAST_PID_VEC, &vec)) {
			stress_fail(&s->counts->setget_bad, "GET: %s", strerror(errno));
			close(fd);
			continue;
		}
		count(&s->counts->gets, 1);
		if (vec.nr < 1 || vec.nr > STRESS_MAX_LEVEL + 1 || (is_own && vec.nr != 1) ||
		    !outer_levels_started(pids, vec.nr) || (is_own && pids[0] < 1)) {
			stress_fail(&s->counts->setget_bad, "GET gives %u levels, innermost %d%s",
				    vec.nr, pids[0], is_own ? ", for the initial namespace" : "");
		} else if (pids[0] < 0) {
			count(&s->counts->sets_gone, 1);
		} else if (ioctl(fd, NS_SET_LAST_PID_VEC, &vec) == 0) {
			count(&s->counts->sets, 1);
		} else if (errno == ESRCH && !is_own) {
			count(&s->counts->sets_gone, 1);
		} else {
			stress_fail(&s->counts->setget_bad, "SET of what GET gave (%u levels%s): %s",
				    vec.nr, is_own ? ", the initial namespace" : "", strerror(errno));
		}
		close(fd);
	}
	close(own);
}
