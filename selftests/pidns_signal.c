// SPDX-License-Identifier: GPL-2.0
/*
 * What a receiver learns of the sender's pid (si_pid) across pid namespaces:
 * the "unmapped pid" question of the 2007 OpenVZ/IBM thread.  A sender in
 * an ancestor namespace has no number in the receiver's and shows as 0; a
 * sender in the same namespace shows as itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "pidns_util.h"

static void ignore(int sig)
{
}

/* Blocks @sig and installs a handler, so that pid 1 can receive it too. */
static void prepare_to_wait(int sig)
{
	struct sigaction sa = { .sa_handler = ignore };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigaction(sig, &sa, NULL);
}

static siginfo_t wait_signal(int sig)
{
	siginfo_t info = { 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	CHILD_CHECK(sigwaitinfo(&set, &info) == sig, "sigwaitinfo: %s", strerror(errno));
	return info;
}

/* pid 1 of a new namespace: first a signal from outside, then from inside. */
static void receiver(int ready_fd)
{
	siginfo_t info;
	pid_t sibling;

	CHILD_CHECK(write(ready_fd, "r", 1) == 1, "write");
	info = wait_signal(SIGUSR1);
	CHILD_CHECK(info.si_pid == 0, "signal from the parent namespace: si_pid %d, wanted 0",
		    info.si_pid);
	CHILD_CHECK(info.si_code == SI_USER, "si_code %d", info.si_code);

	sibling = fork();
	CHILD_CHECK(sibling >= 0, "fork");
	if (sibling == 0) {
		CHILD_CHECK(kill(1, SIGUSR2) == 0, "kill(1): %s", strerror(errno));
		_exit(0);
	}
	info = wait_signal(SIGUSR2);
	CHILD_CHECK(info.si_pid == sibling && sibling == 2,
		    "signal from the same namespace: si_pid %d, sender %d", info.si_pid, sibling);
	_exit(wait_for_exit(sibling));
}

TEST(from_ancestor_si_pid_is_zero_from_same_ns_sender_pid)
{
	int ready[2];
	pid_t child;
	char c;

	ASSERT_EQ(pipe(ready), 0);
	prepare_to_wait(SIGUSR1);
	prepare_to_wait(SIGUSR2);
	ASSERT_EQ(unshare(CLONE_NEWPID), 0);
	child = fork();
	ASSERT_GE(child, 0);
	if (child == 0)
		receiver(ready[1]);
	ASSERT_EQ(read(ready[0], &c, 1), 1);
	ASSERT_EQ(kill(child, SIGUSR1), 0);
	ASSERT_EQ(wait_for_exit(child), 0);
}

/*
 * The other direction: a task cannot signal into an ancestor namespace.  It
 * has no number for the ancestor (kill() finds nothing), and
 * pidfd_send_signal() refuses a pidfd of a task outside the caller's
 * namespace tree (EINVAL).  The one signal that does go up is the kernel's
 * SIGCHLD, and its si_pid is the child's number in the parent's namespace.
 */
TEST(descendant_cannot_signal_ancestor_sigchld_is_translated)
{
	siginfo_t info = { 0 };
	pid_t child, parent = getpid();
	sigset_t pending;
	int pidfd;

	prepare_to_wait(SIGUSR1);
	pidfd = syscall(SYS_pidfd_open, parent, 0);
	ASSERT_GE(pidfd, 0);
	ASSERT_EQ(unshare(CLONE_NEWPID), 0);
	child = fork();
	ASSERT_GE(child, 0);
	if (child == 0) {
		CHILD_CHECK(getpid() == 1, "getpid %d", getpid());
		CHILD_CHECK(getppid() == 0, "getppid %d: the parent is outside", getppid());
		CHILD_CHECK(parent == 1 || (kill(parent, SIGUSR1) == -1 && errno == ESRCH),
			    "kill(%d) from inside: %s", parent, strerror(errno));
		CHILD_CHECK(syscall(SYS_pidfd_send_signal, pidfd, SIGUSR1, NULL, 0) == -1 &&
			    errno == EINVAL, "pidfd_send_signal to the parent: %s",
			    strerror(errno));
		_exit(0);
	}
	ASSERT_EQ(waitid(P_PID, child, &info, WEXITED), 0);
	EXPECT_EQ(info.si_pid, child);
	EXPECT_EQ(info.si_code, CLD_EXITED);
	EXPECT_EQ(info.si_status, 0);

	ASSERT_EQ(sigpending(&pending), 0);
	EXPECT_FALSE(sigismember(&pending, SIGUSR1));
	close(pidfd);
}

TEST_HARNESS_MAIN
