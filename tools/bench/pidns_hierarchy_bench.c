// SPDX-License-Identifier: GPL-2.0
/*
 * How long it takes to learn the tree of pid namespaces, three ways, side
 * by side in one boot, with NAMESPACES namespaces and a growing number of
 * tasks:
 *
 *   kernel     read /proc/pidns_hierarchy: the series' file on the series'
 *              kernel; on a stock kernel, pidns.ko's, which visits every
 *              pid (the v8 approach, which a module is left with);
 *   listns     what mainline offers since 6.19 (not measured where the
 *              kernel has no listns(2)), done from userspace:
 *              listns(2) for the ids of the pid namespaces, an nsfs file
 *              handle (open_by_handle_at) to open each, NS_GET_PID_FROM_PIDNS
 *              for its init's pid, NS_GET_PARENT and NS_GET_ID for its parent;
 *   nsfs       what `lsns -T parent -t pid` does: stat /proc/<pid>/ns/pid of
 *              every task, and NS_GET_PARENT once per namespace found;
 *   status     the seed's v8 way, one pass over every pid, done from
 *              userspace: read the NSpid: line of every /proc/<pid>/status;
 *   procfile   not a way, a floor: open, read and close /proc/uptime, what
 *              any read of a small proc file costs here.
 *
 * Each measurement is ROUNDS rounds of a number of calls; it prints "bench
 * <target_tasks> <tasks> <method> <median_us> <calls> found=<namespaces
 * found> min=<lowest round median> max=<highest round median>", the median
 * being that of the round medians, for tools/bench/report.  Tasks are what
 * /proc lists, kernel threads and the namespaces' inits included, so the
 * smallest point holds more than its target.  A last point, "bench ns
 * <namespaces> ...", reads the file with WIDE_NAMESPACES namespaces.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nsfs_compat.h"	/* tools/pidns: the nsfs handle type and root */

#define NAMESPACES 100
#define WIDE_NAMESPACES 1000
#define MAX_PID 65536
#define ROUNDS 5


static const int task_counts[] = { 100, 1000, 10000 };
static int hold_pipe[2];

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void die(const char *what)
{
	printf("# bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A task that waits, doing nothing, until the benchmark ends. */
static void spawn_waiter(unsigned long long flags)
{
	struct clone_args args = { .flags = flags, .exit_signal = SIGCHLD };
	pid_t pid = syscall(SYS_clone3, &args, sizeof(args));
	char c;

	if (pid < 0)
		die("clone3");
	if (pid > 0)
		return;
	close(hold_pipe[1]);
	while (read(hold_pipe[0], &c, 1) > 0)
		;
	_exit(0);
}

static int is_pid(const char *name)
{
	return name[0] >= '1' && name[0] <= '9';
}

static int count_tasks(void)
{
	DIR *dir = opendir("/proc");
	struct dirent *d;
	int n = 0;

	while ((d = readdir(dir)))
		n += is_pid(d->d_name);
	closedir(dir);
	return n;
}

static int count_lines(const char *path)
{
	static char buf[1 << 16];
	int fd = open(path, O_RDONLY), lines = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return lines;
}

/* kernel: one read of the file. */
static int by_kernel(void)
{
	return count_lines("/proc/pidns_hierarchy");
}

/* What opening, reading and closing any small seq_file of proc costs. */
static int by_proc_file(void)
{
	return count_lines("/proc/uptime");
}

/* nsfs: every task's ns/pid, and each new namespace's parent. */
static int by_nsfs(void)
{
	static ino_t seen[MAX_PID];
	DIR *dir = opendir("/proc");
	struct dirent *d;
	int nseen = 0, i;

	while ((d = readdir(dir))) {
		char path[300];
		struct stat st;
		int fd, parent;

		if (!is_pid(d->d_name))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/ns/pid", d->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		if (fstat(fd, &st) == 0) {
			for (i = 0; i < nseen && seen[i] != st.st_ino; i++)
				;
			if (i == nseen && nseen < MAX_PID) {
				seen[nseen++] = st.st_ino;
				parent = ioctl(fd, NS_GET_PARENT);
				if (parent >= 0) {
					fstat(parent, &st);
					close(parent);
				}
			}
		}
		close(fd);
	}
	closedir(dir);
	return nseen - 1;	/* without our own */
}

/* listns: the ids, then an nsfs file handle and three ioctls per namespace. */
static bool have_listns(void)
{
	return syscall(__NR_listns, NULL, NULL, 0, 0) == 0 || errno != ENOSYS;
}

static int by_listns(void)
{
	static __u64 ids[MAX_PID];
	struct ns_id_req req = {
		.size = NS_ID_REQ_SIZE_VER0,
		.ns_type = CLONE_NEWPID,
	};
	union {
		struct file_handle fh;
		char bytes[sizeof(struct file_handle) + sizeof(struct nsfs_file_handle)];
	} handle;
	struct nsfs_file_handle *nsfh = (struct nsfs_file_handle *)handle.fh.f_handle;
	int found = 0;
	long n, i;

	n = syscall(__NR_listns, &req, ids, MAX_PID, 0);
	for (i = 0; i < n; i++) {
		__u64 parent_id;
		int fd, parent, init;

		handle.fh.handle_bytes = sizeof(*nsfh);
		handle.fh.handle_type = FILEID_NSFS;
		*nsfh = (struct nsfs_file_handle) { .ns_id = ids[i] };
		fd = open_by_handle_at(FD_NSFS_ROOT, &handle.fh, O_RDONLY);
		if (fd < 0)
			continue;
		init = ioctl(fd, NS_GET_PID_FROM_PIDNS, 1);
		parent = ioctl(fd, NS_GET_PARENT);
		if (parent >= 0) {
			if (ioctl(parent, NS_GET_ID, &parent_id) == 0 && init > 1)
				found++;
			close(parent);
		}
		close(fd);
	}
	return found;
}

/* status: the NSpid: line of every task; inits end in "\t1". */
static int by_status(void)
{
	DIR *dir = opendir("/proc");
	struct dirent *d;
	int inits = 0;

	while ((d = readdir(dir))) {
		char path[300], buf[2048], *line;
		ssize_t n;
		int fd;

		if (!is_pid(d->d_name))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/status", d->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		line = strstr(buf, "\nNSpid:");
		if (line) {
			char *end = strchr(line + 1, '\n');

			if (end && end - line > 3 && !strncmp(end - 2, "\t1", 2) &&
			    memchr(line + 7, '\t', end - line - 9))
				inits++;
		}
	}
	closedir(dir);
	return inits;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median_of(double *t, int n)
{
	qsort(t, n, sizeof(t[0]), cmp_double);
	return t[n / 2];
}

/* ROUNDS rounds of @calls calls of @fn; @label names the point. */
static void measure(const char *label, int tasks, const char *name, int (*fn)(void),
		    int calls)
{
	double t[101], round[ROUNDS];
	int r, i, found = 0;

	for (r = 0; r < ROUNDS; r++) {
		for (i = 0; i < calls; i++) {
			double start = now_us();

			found = fn();
			t[i] = now_us() - start;
		}
		round[r] = median_of(t, calls);
	}
	qsort(round, ROUNDS, sizeof(round[0]), cmp_double);
	printf("bench %s %d %s %.1f %d found=%d min=%.1f max=%.1f\n", label, tasks, name,
	       round[ROUNDS / 2], ROUNDS * calls, found, round[0], round[ROUNDS - 1]);
	fflush(stdout);
}

int main(void)
{
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (pipe(hold_pipe))
		die("pipe");
	for (i = 0; i < NAMESPACES; i++)
		spawn_waiter(CLONE_NEWPID);

	for (i = 0; i < sizeof(task_counts) / sizeof(task_counts[0]); i++) {
		int want = task_counts[i], have = count_tasks();
		char label[16];

		while (have++ < want)
			spawn_waiter(0);
		have = count_tasks();
		snprintf(label, sizeof(label), "%d", want);
		printf("# bench: %d namespaces, %d tasks\n", NAMESPACES, have);
		measure(label, have, "kernel", by_kernel, 101);
		measure(label, have, "procfile", by_proc_file, 101);
		if (have_listns())
			measure(label, have, "listns", by_listns, 21);
		measure(label, have, "nsfs", by_nsfs, 3);
		measure(label, have, "status", by_status, 3);
	}

	/* The cost per namespace, with many more of them. */
	for (i = NAMESPACES; i < WIDE_NAMESPACES; i++)
		spawn_waiter(CLONE_NEWPID);
	printf("# bench: %d namespaces, %d tasks\n", WIDE_NAMESPACES, count_tasks());
	measure("ns", count_tasks(), "kernel", by_kernel, 21);
	if (have_listns())
		measure("ns", count_tasks(), "listns", by_listns, 5);
	close(hold_pipe[1]);
	while (wait(NULL) > 0)
		;
	return 0;
}
