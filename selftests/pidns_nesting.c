// SPDX-License-Identifier: GPL-2.0
/*
 * Nesting: a chain of pid namespaces as deep as the kernel allows.
 *
 * The initial pid namespace is level 0 and MAX_PID_NS_LEVEL is 32, so 32
 * unshare(CLONE_NEWPID) calls nest, and the 33rd fails with ENOSPC (the
 * errno create_pid_namespace() returns past the limit).  The first task of
 * level L is pid 1 there; namespace i < L numbered its own first task 1 and
 * then one task per level below it, so the task of level L is L - i + 1 in
 * namespace i.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "pidns_util.h"

#define MAX_PID_NS_LEVEL 32

/* Checks the calling task's NSpid (read through the initial proc) at @level. */
static void check_level(int level)
{
	int ids[PIDNS_MAX_IDS], n, i;
	char self[32], buf[256];
	ssize_t len;

	n = read_status_ids("/proc", "self", "NSpid", ids, PIDNS_MAX_IDS);
	format_ids(buf, sizeof(buf), ids, n);
	CHILD_CHECK(n == level + 1, "level %d: NSpid has %d entries: %s", level, n, buf);
	CHILD_CHECK(getpid() == 1, "level %d: getpid() = %d", level, getpid());
	for (i = 1; i <= level; i++)
		CHILD_CHECK(ids[i] == level - i + 1, "level %d: NSpid[%d] is not %d: %s",
			    level, i, level - i + 1, buf);

	/* /proc/self names the task in the proc mount's (initial) namespace. */
	len = readlink("/proc/self", self, sizeof(self) - 1);
	CHILD_CHECK(len > 0, "readlink /proc/self: %s", strerror(errno));
	self[len] = '\0';
	CHILD_CHECK(atoi(self) == ids[0], "level %d: /proc/self is %s, NSpid[0] %d",
		    level, self, ids[0]);
}

/*
 * In a forked child of the test: nests one level per iteration, each new
 * level's pid 1 carrying on the loop while its parent waits for it, until
 * the limit, where one more unshare() must fail.
 */
static void nest(void)
{
	int level;

	for (level = 0; level < MAX_PID_NS_LEVEL; level++) {
		pid_t child;

		CHILD_CHECK(unshare(CLONE_NEWPID) == 0, "unshare at level %d: %s", level,
			    strerror(errno));
		child = fork();
		CHILD_CHECK(child >= 0, "fork at level %d: %s", level, strerror(errno));
		if (child == 0) {
			check_level(level + 1);
			continue;
		}
		if (level > 0)
			CHILD_CHECK(child == 2, "level %d forked pid %d, wanted 2", level, child);
		_exit(wait_for_exit(child));
	}

	CHILD_CHECK(unshare(CLONE_NEWPID) == -1 && errno == ENOSPC,
		    "unshare at level %d: errno %d (%s), wanted ENOSPC", level, errno,
		    strerror(errno));
	_exit(0);
}

TEST(thirty_two_levels_then_enospc)
{
	pid_t child = fork();

	ASSERT_GE(child, 0);
	if (child == 0)
		nest();
	ASSERT_EQ(wait_for_exit(child), 0);
}

/* The limit holds for each branch, not just for the first chain built. */
TEST(limit_is_per_chain_not_global)
{
	pid_t a, b;

	a = fork();
	ASSERT_GE(a, 0);
	if (a == 0)
		nest();
	b = fork();
	ASSERT_GE(b, 0);
	if (b == 0)
		nest();
	EXPECT_EQ(wait_for_exit(a), 0);
	EXPECT_EQ(wait_for_exit(b), 0);
}

TEST_HARNESS_MAIN
