// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "pidns_util.h"
#include "seed_tree.h"

#define B SEED_HOST_BASE

const char *const seed_task_names[SEED_NR_TASKS] = {
	"t1", "t2", "t3", "t4", "t5", "thread"
};

const int seed_task_levels[SEED_NR_TASKS] = { 1, 2, 2, 3, 3, 3 };

int seed_nspid[SEED_NR_TASKS][3] = {
	[T1] = { B + 2 },
	[T2] = { B + 3, 1 },
	[T3] = { B + 4, 3 },
	[T4] = { B + 5, 5, 1 },
	[T5] = { B + 6, 8, 3 },
	[THREAD] = { -1, 9, 4 },
};

/*
 * Every task blocks reading release_pipe until seed_tree_release() closes
 * its write end, and says it is in place with a byte on ready_pipe.
 */
static int release_pipe[2] = { -1, -1 }, ready_pipe[2] = { -1, -1 };
static pid_t t1, t2;

static void signal_ready(void)
{
	CHILD_CHECK(write(ready_pipe[1], "r", 1) == 1, "write ready: %s", strerror(errno));
}

static void wait_release(void)
{
	char c;

	while (read(release_pipe[0], &c, 1) > 0)
		;
}

static void write_ns_last_pid(int last)
{
	char buf[16];
	int fd, len;

	fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY);
	CHILD_CHECK(fd >= 0, "open ns_last_pid: %s", strerror(errno));
	len = snprintf(buf, sizeof(buf), "%d", last);
	CHILD_CHECK(write(fd, buf, len) == len, "write ns_last_pid: %s", strerror(errno));
	close(fd);
}

/* clone3() a task with the NSpid vector of @t (set_tid is innermost first). */
static pid_t spawn(enum seed_task t, unsigned long long flags)
{
	pid_t set_tid[3];
	int i, n = seed_task_levels[t];

	for (i = 0; i < n; i++)
		set_tid[i] = seed_nspid[t][n - 1 - i];
	return clone3_set_tid(flags, set_tid, n);
}

static void *thread_main(void *arg)
{
	(void)arg;
	signal_ready();
	wait_release();
	return NULL;
}

static void run_t5(void)
{
	pthread_t thread;

	CHILD_CHECK(setpgid(0, 0) == 0, "setpgid: %s", strerror(errno));
	write_ns_last_pid(seed_nspid[THREAD][2] - 1);
	CHILD_CHECK(pthread_create(&thread, NULL, thread_main, NULL) == 0, "pthread_create");
	signal_ready();
	wait_release();
	pthread_join(thread, NULL);
	_exit(0);
}

static void run_t4(void)
{
	pid_t t5;

	CHILD_CHECK(setsid() == getpid(), "setsid: %s", strerror(errno));
	CHILD_CHECK(mount_proc(SEED_PROC2) == 0, "mount %s", SEED_PROC2);
	t5 = spawn(T5, 0);
	CHILD_CHECK(t5 >= 0, "clone3 t5: %s", strerror(errno));
	if (t5 == 0)
		run_t5();
	CHILD_CHECK(t5 == seed_nspid[T5][2], "t5 is %d in ns2", t5);
	signal_ready();
	wait_release();
	_exit(wait_for_exit(t5));
}

static void run_t3(void)
{
	signal_ready();
	wait_release();
	_exit(0);
}

static void run_t2(void)
{
	pid_t t3, t4;
	int ret;

	close(release_pipe[1]);
	close(ready_pipe[0]);
	CHILD_CHECK(mount_proc(SEED_PROC1) == 0, "mount %s", SEED_PROC1);
	/* set_tid does not move the cursor: the thread of t5 gets the next. */
	write_ns_last_pid(seed_nspid[THREAD][1] - 1);
	t3 = spawn(T3, 0);
	CHILD_CHECK(t3 >= 0, "clone3 t3: %s", strerror(errno));
	if (t3 == 0)
		run_t3();
	t4 = spawn(T4, CLONE_NEWPID);
	CHILD_CHECK(t4 >= 0, "clone3 t4: %s", strerror(errno));
	if (t4 == 0)
		run_t4();
	CHILD_CHECK(t3 == seed_nspid[T3][1] && t4 == seed_nspid[T4][1],
		    "t3 is %d, t4 is %d in ns1", t3, t4);
	signal_ready();
	wait_release();
	ret = wait_for_exit(t3);
	ret |= wait_for_exit(t4);
	_exit(ret);
}

static void run_t1(void)
{
	close(release_pipe[1]);
	close(ready_pipe[0]);
	signal_ready();
	wait_release();
	_exit(0);
}

/* The thread of t5, in the initial namespace: the other entry of task/. */
static int find_thread_host_tid(void)
{
	char path[64];
	struct dirent *d;
	int tid = -1;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", seed_nspid[T5][0]);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		int n = atoi(d->d_name);

		if (n > 0 && n != seed_nspid[T5][0])
			tid = n;
	}
	closedir(dir);
	return tid;
}

int seed_tree_build(void)
{
	int i;

	if (pipe(release_pipe) || pipe(ready_pipe)) {
		printf("# seed_tree: pipe: %s\n", strerror(errno));
		return -1;
	}
	t1 = spawn(T1, 0);
	if (t1 == 0)
		run_t1();
	if (t1 != seed_nspid[T1][0]) {
		printf("# seed_tree: clone3 with set_tid %d: %s\n", seed_nspid[T1][0],
		       t1 < 0 ? strerror(errno) : "wrong pid");
		return -1;
	}
	t2 = spawn(T2, CLONE_NEWPID);
	if (t2 == 0)
		run_t2();
	if (t2 != seed_nspid[T2][0]) {
		printf("# seed_tree: clone3 ns1 with set_tid %d: %s\n", seed_nspid[T2][0],
		       t2 < 0 ? strerror(errno) : "wrong pid");
		return -1;
	}
	close(ready_pipe[1]);
	ready_pipe[1] = -1;

	for (i = 0; i < SEED_NR_TASKS; i++) {
		char c;

		if (read(ready_pipe[0], &c, 1) != 1) {
			printf("# seed_tree: only %d of %d tasks got in place\n", i, SEED_NR_TASKS);
			return -1;
		}
	}
	seed_nspid[THREAD][0] = find_thread_host_tid();
	if (seed_nspid[THREAD][0] <= 0) {
		printf("# seed_tree: no second thread under t5\n");
		return -1;
	}
	return 0;
}

int seed_tree_release(void)
{
	int ret = 0;

	close(release_pipe[1]);
	release_pipe[1] = -1;
	if (t1 > 0 && wait_for_exit(t1))
		ret = -1;
	if (t2 > 0 && wait_for_exit(t2))
		ret = -1;
	t1 = t2 = 0;
	umount2(SEED_PROC2, MNT_DETACH);
	umount2(SEED_PROC1, MNT_DETACH);
	rmdir(SEED_PROC2);
	rmdir(SEED_PROC1);
	close(release_pipe[0]);
	close(ready_pipe[0]);
	return ret;
}
