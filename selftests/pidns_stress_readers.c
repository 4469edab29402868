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

#define HIERARCHY_MAX (1 << 20)
#define NSDIR "/proc/namespaces"

static char text[HIERARCHY_MAX];

/* ---- /proc/pidns_hierarchy ------------------------------------------------ */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * A snapshot is one tree in depth-first pre-order: a line's parent is the
 * init of the nearest line above it one level up (1, the mount's own init,
 * for level 1), siblings come by ascending init, no level is deeper than
 * the kernel allows, and no namespace id repeats.
 */
bool stress_hierarchy_ok(const char *buf, size_t len, int max_level, long *lines,
			 int *max_seen, char *why, size_t why_size)
{
	static uint64_t ids[HIERARCHY_MAX / 8];
	unsigned long long init_at[STRESS_MAX_LEVEL + 2] = { 1 };
	unsigned long long last_child[STRESS_MAX_LEVEL + 2] = { 0 };
	const char *line = buf, *end = buf + len;
	int level = 0, fields_seen = 0;
	size_t n = 0, i;

	while (line < end) {
		const char *nl = memchr(line, '\n', end - line);
		unsigned long long init, parent, lvl, id = 0;
		char copy[128], extra;
		int fields;

		if (!nl || nl - line >= (long)sizeof(copy)) {
			snprintf(why, why_size, "line %zu is cut or too long", n + 1);
			return false;
		}
		memcpy(copy, line, nl - line);
		copy[nl - line] = 0;
		fields = sscanf(copy, "%llu %llu %llu %llu %c", &init, &parent, &lvl, &id, &extra);
		if ((fields != 3 && fields != 4) || (fields_seen && fields != fields_seen) ||
		    !init || !lvl || lvl > (unsigned long long)max_level || (int)lvl > level + 1) {
			snprintf(why, why_size, "line %zu, '%s': not <init> <parent> <level 1..%d, at most %d> [<id>]",
				 n + 1, copy, max_level, level + 1);
			return false;
		}
		fields_seen = fields;
		level = lvl;
		if (parent != init_at[level - 1] || init <= last_child[level - 1]) {
			snprintf(why, why_size, "line %zu, '%s': parent should be %llu, init above %llu",
				 n + 1, copy, init_at[level - 1], last_child[level - 1]);
			return false;
		}
		init_at[level] = init;
		last_child[level - 1] = init;
		last_child[level] = 0;
		if (fields == 4)
			ids[n] = id;
		n++;
		line = nl + 1;
	}
	if (fields_seen == 4) {
		qsort(ids, n, sizeof(ids[0]), cmp_u64);
		for (i = 1; i < n; i++)
			if (ids[i] == ids[i - 1]) {
				snprintf(why, why_size, "namespace id %llu is listed twice",
					 (unsigned long long)ids[i]);
				return false;
			}
	}
	*lines = n;
	*max_seen = level > *max_seen ? level : *max_seen;
	return true;
}

/* One whole read of @path, in chunks of @chunk bytes; -1 on error. */
static ssize_t read_in_chunks(const char *path, size_t chunk)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while ((size_t)len < sizeof(text) &&
	       (n = read(fd, text + len, chunk < sizeof(text) - len ? chunk : sizeof(text) - len)) > 0)
		len += n;
	close(fd);
	return n < 0 ? -1 : len;
}

static void read_and_check(struct stress *s, uint64_t *rng, const char *path, int max_level,
			   long *reads)
{
	size_t chunk = 1 + rng_below(rng, rng_below(rng, 2) ? 64 : 8192);
	ssize_t len = read_in_chunks(path, chunk);
	int max_seen = 0;
	long lines = 0;
	char why[256];

	if (len < 0) {
		stress_fail(&s->counts->hier_bad, "read %s: %s", path, strerror(errno));
		return;
	}
	if (!stress_hierarchy_ok(text, len, max_level, &lines, &max_seen, why, sizeof(why))) {
		stress_fail(&s->counts->hier_bad, "%s, read in %zu-byte chunks: %s", path, chunk, why);
		return;
	}
	count(reads, 1);
	count(&s->counts->hier_lines, lines);
	count_max(&s->counts->hier_max_level, max_seen);
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
 * The same from inside a child pid namespace with its own proc mount,
 * under which the reader itself makes short chains to be seen.
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
		pid_t chain = -1;

		if (rng_below(&rng, 4) == 0) {
			int depth = 1 + rng_below(&rng, 8);

			chain = clone3_set_tid(CLONE_NEWPID, NULL, 0);
			if (chain == 0) {
				/* A plain chain, each init waiting for the next. */
				while (--depth > 0) {
					pid_t next = clone3_set_tid(CLONE_NEWPID, NULL, 0);

					if (next)
						_exit(next < 0 ? 1 : wait_for_exit(next));
				}
				usleep(20000);
				_exit(0);
			}
		}
		/* The reader is one level down: the chains below it have one less. */
		read_and_check(s, &rng, path, STRESS_MAX_LEVEL - 1, &s->counts->hier_child_reads);
		if (chain > 0 && wait_for_exit(chain))
			stress_fail(&s->counts->writer_errors, "a chain below the child reader failed");
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
	[T_NET] = CLONE_NEWNET, [T_PID] = CLONE_NEWPID, [T_TIME] = 0x80,
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

static bool seen_before(int type, unsigned long inum)
{
	uint64_t key = ((uint64_t)(type + 1) << 32) | inum;
	uint64_t i = (key * 0x9E3779B97F4A7C15ULL) >> 48;

	while (seen[i]) {
		if (seen[i] == key)
			return true;
		i = (i + 1) % SEEN_SLOTS;
	}
	seen[i] = key;
	return false;
}

/* Open a listed entry: the namespace it names, or ENOENT if it went. */
static void open_entry(struct stress *s, int dir, const char *name, int type, unsigned long inum)
{
	char target[64];
	struct stat st;
	ssize_t len;
	__u64 id;
	int fd = openat(dir, name, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOENT)
			count(&s->counts->opens_gone, 1);
		else
			stress_fail(&s->counts->dir_bad, "open %s: %s", name, strerror(errno));
		return;
	}
	count(&s->counts->opens, 1);
	if (fstat(fd, &st) || st.st_ino != inum || ioctl(fd, NS_GET_NSTYPE) != type_flags[type] ||
	    ioctl(fd, NS_GET_ID, &id) || !id)
		stress_fail(&s->counts->dir_bad, "%s opens inode %lu, of type %#x",
			    name, (unsigned long)st.st_ino, ioctl(fd, NS_GET_NSTYPE));
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
 * One listing, in getdents buffers of 64 bytes and up.  Now and then the
 * walk stops, reopens the directory and seeks to the offset of the last
 * entry it saw: the listing must resume after it, repeating nothing.
 */
static void walk_once(struct stress *s, uint64_t *rng)
{
	char buf[2048] __attribute__((aligned(8)));
	int dir = open(NSDIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	off_t resume_at = 0;
	long n, entries = 0;

	if (dir < 0) {
		stress_fail(&s->counts->dir_bad, "open " NSDIR ": %s", strerror(errno));
		return;
	}
	memset(seen, 0, sizeof(seen));
	for (;;) {
		size_t size = 64 + rng_below(rng, sizeof(buf) - 64);
		long off;

		n = syscall(SYS_getdents64, dir, buf, size);
		if (n <= 0)
			break;
		for (off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			unsigned long inum;
			int type;

			off += d->d_reclen;
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			/* Ascending ids: offsets only grow, resumed or not. */
			if ((off_t)d->d_off <= resume_at)
				stress_fail(&s->counts->dir_bad, "%s at offset %lld, after %lld",
					    d->d_name, (long long)d->d_off, (long long)resume_at);
			resume_at = d->d_off;
			type = parse_name(d->d_name, &inum);
			if (type < 0 || d->d_type != DT_LNK) {
				stress_fail(&s->counts->dir_bad, "entry '%s', d_type %d",
					    d->d_name, d->d_type);
				continue;
			}
			/*
			 * A name can come back in one pass: a namespace that went
			 * gave its inode number to a newer one, listed later.
			 */
			if (seen_before(type, inum))
				count(&s->counts->names_reused, 1);
			entries++;
			if (rng_below(rng, 16) == 0)
				open_entry(s, dir, d->d_name, type, inum);
		}
		if (rng_below(rng, 32) == 0) {
			close(dir);
			dir = open(NSDIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (dir < 0 || lseek(dir, resume_at, SEEK_SET) != resume_at) {
				stress_fail(&s->counts->dir_bad, "resume at %lld: %s",
					    (long long)resume_at, strerror(errno));
				n = -1;
				break;
			}
			count(&s->counts->dir_resumes, 1);
		}
	}
	if (n < 0 && dir >= 0)
		stress_fail(&s->counts->dir_bad, "getdents64: %s", strerror(errno));
	if (dir >= 0)
		close(dir);
	count(&s->counts->dir_passes, 1);
	count(&s->counts->dir_entries, entries);
}

void stress_walk_nsdir(struct stress *s, uint64_t seed)
{
	uint64_t rng = rng_state(seed, 30);

	while (stress_running(s))
		walk_once(s, &rng);
}

/* ---- the ns_last_pid vector ----------------------------------------------- */

/* A pid namespace listed in /proc/namespaces, at random; -1 if none opened. */
static int open_some_pidns(uint64_t *rng)
{
	char buf[4096] __attribute__((aligned(8)));
	char name[256] = "";
	int dir = open(NSDIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC), fd = -1;
	long n, off, seen_pid = 0;

	if (dir < 0)
		return -1;
	while ((n = syscall(SYS_getdents64, dir, buf, sizeof(buf))) > 0)
		for (off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);

			off += d->d_reclen;
			/* Reservoir sampling: each pid entry equally likely. */
			if (!strncmp(d->d_name, "pid:", 4) && rng_below(rng, ++seen_pid) == 0)
				snprintf(name, sizeof(name), "%s", d->d_name);
		}
	if (name[0])
		fd = openat(dir, name, O_RDONLY | O_CLOEXEC);
	close(dir);
	return fd;
}

/*
 * GET the cursors of a namespace and SET them back unchanged: that moves
 * nothing, so the writers' forks are undisturbed, yet both take the paths
 * of a namespace dying under them.  GET works on any namespace; SET gives
 * ESRCH for one whose init is gone or not there yet, which reads -1.
 */
static bool any_unset(const __s32 *pids, unsigned int nr)
{
	while (nr--)
		if (pids[nr] < 0)
			return true;
	return false;
}

void stress_set_get(struct stress *s, uint64_t seed)
{
	uint64_t rng = rng_state(seed, 40);
	int own = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);

	while (stress_running(s)) {
		__s32 pids[STRESS_MAX_LEVEL + 1];
		struct ns_last_pid_vec vec = { .nr = STRESS_MAX_LEVEL + 1,
					       .pids = (uintptr_t)pids };
		int fd = rng_below(&rng, 4) ? open_some_pidns(&rng) : dup(own);

		if (fd < 0)
			continue;
		if (ioctl(fd, NS_GET_LAST_PID_VEC, &vec)) {
			stress_fail(&s->counts->setget_bad, "GET: %s", strerror(errno));
			close(fd);
			continue;
		}
		count(&s->counts->gets, 1);
		if (vec.nr < 1 || vec.nr > STRESS_MAX_LEVEL + 1) {
			stress_fail(&s->counts->setget_bad, "GET gives %u levels", vec.nr);
		} else if (any_unset(pids, vec.nr)) {
			count(&s->counts->sets_gone, 1);
		} else if (ioctl(fd, NS_SET_LAST_PID_VEC, &vec) == 0) {
			count(&s->counts->sets, 1);
		} else if (errno == ESRCH) {
			count(&s->counts->sets_gone, 1);
		} else {
			stress_fail(&s->counts->setget_bad, "SET of what GET gave (%u levels): %s",
				    vec.nr, strerror(errno));
		}
		close(fd);
	}
	close(own);
}
