// SPDX-License-Identifier: GPL-2.0
/*
 * One proc per pid namespace (the 2007 "each namespace has its own proc
 * tree" design, upstream since 2.6.24): a proc mounted inside a child
 * namespace lists only that namespace's tasks, by that namespace's numbers,
 * and the same task reads differently through two mounts.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "pidns_util.h"

/* Bit i set for each numeric entry i < 64 of @proc; -1 for anything else. */
static long long listed_pids(const char *proc)
{
	long long mask = 0;
	struct dirent *d;
	DIR *dir = opendir(proc);

	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		char *end;
		long n = strtol(d->d_name, &end, 10);

		if (end == d->d_name || *end)
			continue;
		if (n <= 0 || n >= 64) {
			mask = -1;
			break;
		}
		mask |= 1LL << n;
	}
	closedir(dir);
	return mask;
}

static int link_is(const char *path, const char *want)
{
	char buf[64];
	ssize_t len = readlink(path, buf, sizeof(buf) - 1);

	if (len < 0)
		return 0;
	buf[len] = '\0';
	if (strcmp(buf, want)) {
		printf("# %s -> %s, wanted %s\n", path, buf, want);
		return 0;
	}
	return 1;
}

/*
 * Runs as pid 1 of a new pid namespace with a private mount namespace and
 * its own proc on /proc; forks pid 2, which waits.  Nothing else may be
 * listed: not the test that created the namespace, not any other task.
 */
static void child_ns_view(void)
{
	int ids[PIDNS_MAX_IDS], n, pipefd[2];
	struct stat st;
	long long mask;
	pid_t second;
	char c;

	CHILD_CHECK(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0,
		    "make / private: %s", strerror(errno));
	CHILD_CHECK(mount("proc", "/proc", "proc", 0, NULL) == 0, "mount proc: %s",
		    strerror(errno));
	CHILD_CHECK(pipe(pipefd) == 0, "pipe");
	second = fork();
	CHILD_CHECK(second >= 0, "fork: %s", strerror(errno));
	if (second == 0) {
		close(pipefd[1]);
		read(pipefd[0], &c, 1);
		_exit(0);
	}
	close(pipefd[0]);
	CHILD_CHECK(second == 2, "second task is pid %d", second);

	mask = listed_pids("/proc");
	CHILD_CHECK(mask == ((1 << 1) | (1 << 2)), "proc lists %#llx, wanted pids 1 and 2", mask);
	CHILD_CHECK(stat("/proc/1", &st) == 0, "stat /proc/1: %s", strerror(errno));
	CHILD_CHECK(link_is("/proc/self", "1"), "/proc/self");
	CHILD_CHECK(link_is("/proc/thread-self", "1/task/1"), "/proc/thread-self");

	/* The parent exists, but has no number here. */
	n = read_status_ids("/proc", "1", "PPid", ids, 1);
	CHILD_CHECK(n == 1 && ids[0] == 0, "PPid of pid 1 is %d", n > 0 ? ids[0] : n);
	n = read_status_ids("/proc", "2", "NSpid", ids, PIDNS_MAX_IDS);
	CHILD_CHECK(n == 1 && ids[0] == 2, "NSpid of pid 2 through its own proc");

	close(pipefd[1]);
	_exit(wait_for_exit(second));
}

TEST(child_proc_lists_only_its_namespace)
{
	pid_t child;

	ASSERT_EQ(unshare(CLONE_NEWPID), 0);
	child = fork();
	ASSERT_GE(child, 0);
	if (child == 0) {
		CHILD_CHECK(unshare(CLONE_NEWNS) == 0, "unshare mount ns: %s", strerror(errno));
		child_ns_view();
	}
	ASSERT_EQ(wait_for_exit(child), 0);
}

/*
 * One task, two mounts: its directory is named by its number in each
 * mount's namespace, its NSpid starts at each mount's level, and both name
 * the same namespace (same nsfs inode).
 */
TEST(one_task_two_proc_mounts)
{
	const char *proc1 = "/tmp/pidns_proc.proc1";
	int ready[2], done[2], ids[PIDNS_MAX_IDS], n;
	struct stat host_ns, child_ns;
	char path[64], c;
	pid_t child;

	ASSERT_EQ(pipe(ready), 0);
	ASSERT_EQ(pipe(done), 0);
	ASSERT_EQ(unshare(CLONE_NEWPID), 0);
	child = fork();
	ASSERT_GE(child, 0);
	if (child == 0) {
		close(done[1]);
		CHILD_CHECK(mount_proc(proc1) == 0, "mount %s", proc1);
		write(ready[1], "r", 1);
		read(done[0], &c, 1);
		_exit(0);
	}
	close(done[0]);
	ASSERT_EQ(read(ready[0], &c, 1), 1);

	snprintf(path, sizeof(path), "%d", child);
	n = read_status_ids("/proc", path, "NSpid", ids, PIDNS_MAX_IDS);
	ASSERT_EQ(n, 2);
	EXPECT_EQ(ids[0], child);
	EXPECT_EQ(ids[1], 1);
	n = read_status_ids(proc1, "1", "NSpid", ids, PIDNS_MAX_IDS);
	ASSERT_EQ(n, 1);
	EXPECT_EQ(ids[0], 1);
	n = read_status_ids(proc1, "1", "Pid", ids, 1);
	EXPECT_EQ(ids[0], 1);

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", child);
	ASSERT_EQ(stat(path, &host_ns), 0);
	ASSERT_EQ(stat("/tmp/pidns_proc.proc1/1/ns/pid", &child_ns), 0);
	EXPECT_EQ(host_ns.st_ino, child_ns.st_ino);
	EXPECT_EQ(host_ns.st_dev, child_ns.st_dev);

	/* The test itself is not in that namespace: no directory there. */
	snprintf(path, sizeof(path), "%s/%d", proc1, getpid());
	EXPECT_TRUE(getpid() == 1 || (access(path, F_OK) && errno == ENOENT));

	close(done[1]);
	EXPECT_EQ(wait_for_exit(child), 0);
	EXPECT_EQ(umount2(proc1, MNT_DETACH), 0);
	rmdir(proc1);
}

TEST_HARNESS_MAIN
