// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/sys/kernel/ns_last_pid: the per-level mechanism that restoring a
 * task with a chosen pid relies on.  It acts on the writer's active pid
 * namespace only and needs CAP_CHECKPOINT_RESTORE (or CAP_SYS_ADMIN) in the
 * user namespace owning it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "pidns_util.h"

#ifndef CAP_CHECKPOINT_RESTORE
#define CAP_CHECKPOINT_RESTORE 40
#endif

#define NS_LAST_PID "/proc/sys/kernel/ns_last_pid"

static int write_last_pid(const char *value)
{
	int fd = open(NS_LAST_PID, O_WRONLY), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, value, strlen(value)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static int read_last_pid(void)
{
	char buf[32] = "";
	int fd = open(NS_LAST_PID, O_RDONLY);

	if (fd < 0)
		return -errno;
	if (read(fd, buf, sizeof(buf) - 1) < 0)
		buf[0] = '\0';
	close(fd);
	return buf[0] ? atoi(buf) : -1;
}

/* Leave only the capabilities in @keep (a bit mask of the low 32). */
static int keep_caps(unsigned int keep_lo, unsigned int keep_hi)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2] = {
		{ .effective = keep_lo, .permitted = keep_lo },
		{ .effective = keep_hi, .permitted = keep_hi },
	};

	return syscall(SYS_capset, &hdr, data);
}

/* Forks a child into a fresh pid namespace and runs @fn there as pid 1. */
static int in_new_pidns(void (*fn)(void))
{
	pid_t child;

	if (unshare(CLONE_NEWPID))
		return -1;
	child = fork();
	if (child < 0)
		return -1;
	if (child == 0) {
		fn();
		_exit(0);
	}
	return wait_for_exit(child);
}

static pid_t fork_and_reap(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		wait_for_exit(pid);
	return pid;
}

static void next_fork_after_write(void)
{
	CHILD_CHECK(write_last_pid("100") == 0, "write 100: %s", strerror(errno));
	CHILD_CHECK(read_last_pid() == 100, "reads back %d", read_last_pid());
	CHILD_CHECK(fork_and_reap() == 101, "next fork did not get 101");
	CHILD_CHECK(read_last_pid() == 101, "ns_last_pid is %d after the fork", read_last_pid());
	/* Going backwards works too: the search starts after the value. */
	CHILD_CHECK(write_last_pid("9") == 0, "write 9");
	CHILD_CHECK(fork_and_reap() == 10, "next fork did not get 10");
}

TEST(next_fork_gets_written_value_plus_one)
{
	ASSERT_EQ(in_new_pidns(next_fork_after_write), 0);
}

/*
 * Writing the ns_last_pid of a child namespace leaves the parent's alone:
 * pid 1 of namespace A makes namespace B, whose pid 1 (pid 2 in A) writes
 * 500 there; A's next pid is still 3.
 */
static void nested_writer(void)
{
	pid_t child;

	CHILD_CHECK(read_last_pid() == 1, "a new namespace's ns_last_pid is %d", read_last_pid());
	CHILD_CHECK(unshare(CLONE_NEWPID) == 0, "unshare: %s", strerror(errno));
	child = fork();
	CHILD_CHECK(child >= 0, "fork");
	if (child == 0) {
		CHILD_CHECK(write_last_pid("500") == 0, "write 500 in B");
		CHILD_CHECK(read_last_pid() == 500, "B reads %d", read_last_pid());
		_exit(0);
	}
	CHILD_CHECK(child == 2, "B's init is %d in A", child);
	CHILD_CHECK(wait_for_exit(child) == 0, "B's init failed");
	CHILD_CHECK(read_last_pid() == 2, "A's ns_last_pid is %d, wanted 2", read_last_pid());
}

TEST(only_the_writers_namespace_changes)
{
	ASSERT_EQ(in_new_pidns(nested_writer), 0);
}

static void no_capability(void)
{
	CHILD_CHECK(keep_caps(0, 0) == 0, "capset: %s", strerror(errno));
	CHILD_CHECK(write_last_pid("100") == -EPERM, "write without capabilities: %d",
		    write_last_pid("100"));
	CHILD_CHECK(read_last_pid() == 1, "the failed write changed ns_last_pid to %d",
		    read_last_pid());
}

TEST(write_without_cap_checkpoint_restore_is_eperm)
{
	ASSERT_EQ(in_new_pidns(no_capability), 0);
}

static void only_checkpoint_restore(void)
{
	CHILD_CHECK(keep_caps(0, 1u << (CAP_CHECKPOINT_RESTORE - 32)) == 0, "capset: %s",
		    strerror(errno));
	CHILD_CHECK(write_last_pid("200") == 0, "write with CAP_CHECKPOINT_RESTORE: %s",
		    strerror(errno));
	CHILD_CHECK(fork_and_reap() == 201, "next fork did not get 201");
}

TEST(cap_checkpoint_restore_alone_is_enough)
{
	ASSERT_EQ(in_new_pidns(only_checkpoint_restore), 0);
}

/* The sysctl accepts 0 .. pid_max; the current pid_max, not the limit. */
static void out_of_range(void)
{
	char past_max[32];
	int fd, pid_max;

	fd = open("/proc/sys/kernel/pid_max", O_RDONLY);
	CHILD_CHECK(fd >= 0 && read(fd, past_max, sizeof(past_max) - 1) > 0, "read pid_max");
	close(fd);
	pid_max = atoi(past_max);
	snprintf(past_max, sizeof(past_max), "%d", pid_max + 1);

	CHILD_CHECK(write_last_pid("-1") == -EINVAL, "write -1: %d", write_last_pid("-1"));
	CHILD_CHECK(write_last_pid(past_max) == -EINVAL, "write %s (pid_max + 1): %d",
		    past_max, write_last_pid(past_max));
	CHILD_CHECK(read_last_pid() == 1, "a rejected write changed ns_last_pid to %d",
		    read_last_pid());
	snprintf(past_max, sizeof(past_max), "%d", pid_max);
	CHILD_CHECK(write_last_pid(past_max) == 0, "write pid_max: %d", write_last_pid(past_max));
}

TEST(out_of_range_is_einval_and_changes_nothing)
{
	ASSERT_EQ(in_new_pidns(out_of_range), 0);
}

TEST_HARNESS_MAIN
