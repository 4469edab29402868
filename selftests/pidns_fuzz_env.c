// SPDX-License-Identifier: GPL-2.0
/*
 * The namespaces pidns_fuzz aims at, each held by a process that pauses
 * until the fuzzer is done, and the file descriptors of each.  A process
 * made init of a namespace passes the namespace back over a socket
 * (SCM_RIGHTS), since its pid there means nothing to the fuzzer.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/nsfs.h>
#include <linux/pidns.h>

/* <linux/pidfd.h>, whose <linux/fcntl.h> clashes with glibc's <fcntl.h>. */
#ifndef PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE
#define PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE _IO(0xFF, 6)
#endif

#include "pidns_fuzz.h"

static const char *const caller_names[CALLERS] = {
	[CALLER_ROOT] = "root",
	[CALLER_NO_CAPS] = "root without capabilities",
	[CALLER_USERNS] = "unprivileged user in its own user namespace",
	[CALLER_CHILD_PIDNS] = "root in a child pid namespace",
};

static const char *const fd_names[FD_KINDS] = {
	[FD_SELF] = "own pid ns", [FD_INIT_NS] = "initial pid ns", [FD_R] = "R",
	[FD_NS1] = "ns1", [FD_NS2] = "ns2", [FD_SIBLING] = "sibling",
	[FD_DEAD] = "pid ns whose init is gone", [FD_NO_INIT] = "pid ns without init",
	[FD_OWNED] = "pid ns of the caller's user ns", [FD_MNT] = "mnt ns",
	[FD_NET] = "net ns", [FD_UTS] = "uts ns", [FD_IPC] = "ipc ns", [FD_USER] = "user ns",
	[FD_CGROUP] = "cgroup ns", [FD_TIME] = "time ns", [FD_CLOSED] = "closed fd",
	[FD_REGULAR] = "regular file", [FD_MINUS_ONE] = "fd -1",
};

const char *fuzz_caller_name(enum fuzz_caller who)
{
	return caller_names[who];
}

const char *fuzz_fd_name(enum fuzz_fd kind)
{
	return fd_names[kind];
}

static int send_fd(int sock, int fd)
{
	char data = 0, control[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = control, .msg_controllen = sizeof(control),
	};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);

	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char data, control[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = control, .msg_controllen = sizeof(control),
	};
	struct cmsghdr *cmsg;
	int fd;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (!cmsg || cmsg->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cmsg), sizeof(int));
	return fd;
}

enum chain_end { END_PAUSE, END_INIT_EXITS, END_NO_INIT };

/*
 * The namespace this task unshared and gave no init yet.  procfs shows no
 * pid_for_children link before the init exists; a pidfd reaches it (6.11
 * and later).  Where it cannot, /dev/null goes instead, and the fuzzer
 * does without that case.
 */
static void send_no_init_ns(int sock)
{
	int pidfd = syscall(SYS_pidfd_open, getpid(), 0);
	int fd = pidfd < 0 ? -1 : ioctl(pidfd, PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE, 0);

	if (fd < 0)
		fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || send_fd(sock, fd))
		_exit(1);
}

/* Send @path's namespace, opened here, over @sock. */
static void send_ns(int sock, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || send_fd(sock, fd))
		_exit(1);
	close(fd);
}

/*
 * A process below the fuzzer that makes @depth nested pid namespaces, one
 * init in each, and sends each namespace over @sock, outermost first.  With
 * END_INIT_EXITS the innermost init exits once it has sent its namespace;
 * with END_NO_INIT the innermost namespace gets no init.  Everything dies
 * with the fuzzer (PR_SET_PDEATHSIG at each level, and a dying init takes
 * its namespace along).
 */
static pid_t spawn_chain(int depth, enum chain_end end, int sock)
{
	pid_t parent = getpid(), pid = fork();
	int level;

	if (pid)
		return pid;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(0);
	for (level = 0; level < depth; level++) {
		pid_t child;

		if (unshare(CLONE_NEWPID))
			_exit(1);
		if (end == END_NO_INIT && level == depth - 1) {
			send_no_init_ns(sock);
			break;
		}
		child = fork();
		if (child < 0)
			_exit(1);
		if (child) {
			waitpid(child, NULL, 0);
			if (end == END_INIT_EXITS && level == depth - 1)
				pause();
			_exit(0);
		}
		/* An init's parent is outside its namespace: getppid() is 0. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		send_ns(sock, "/proc/self/ns/pid");
		if (end == END_INIT_EXITS && level == depth - 1)
			_exit(0);
	}
	pause();
	_exit(0);
}

/* @socks: the chain sends on [1], the fuzzer receives on [0]. */
static int add_chain(struct fuzz_env *env, const int *socks, int depth, enum chain_end end,
		     const enum fuzz_fd *kinds)
{
	int i;

	if (env->nr_holders == (int)(sizeof(env->holders) / sizeof(env->holders[0])))
		return -1;
	env->holders[env->nr_holders] = spawn_chain(depth, end, socks[1]);
	if (env->holders[env->nr_holders] < 0)	/* never kill(-1) */
		return -1;
	env->nr_holders++;
	for (i = 0; i < depth; i++) {
		env->fd[kinds[i]] = recv_fd(socks[0]);
		if (env->fd[kinds[i]] < 0)
			return -1;
		env->pid_ns[kinds[i]] = true;
	}
	return 0;
}

static bool same_fs(int a, int b)
{
	struct stat sa, sb;

	return !fstat(a, &sa) && !fstat(b, &sb) && sa.st_dev == sb.st_dev;
}

/* The kernel's ns_last_pid vector, or none: VIA_NSFS, VIA_DEV, VIA_NONE. */
static enum fuzz_via find_interface(struct fuzz_env *env)
{
	int pids[1];
	struct ns_last_pid_vec vec = { .nr = 1, .pids = (uintptr_t)pids };
	struct pidns_last_pid_req req = {
		.ns_fd = env->fd[FD_INIT_NS], .vec_size = sizeof(vec), .vec = (uintptr_t)&vec,
	};

	if (!ioctl(env->fd[FD_INIT_NS], NS_GET_LAST_PID_VEC, &vec))
		return VIA_NSFS;
	env->dev = open(PIDNS_DEVICE, O_RDWR | O_CLOEXEC);
	if (env->dev >= 0 && !ioctl(env->dev, PIDNS_IOC_GET_LAST_PID_VEC, &req))
		return VIA_DEV;
	return VIA_NONE;
}

int fuzz_env_setup(struct fuzz_env *env)
{
	static const enum fuzz_fd chain[] = { FD_R, FD_NS1, FD_NS2 };
	static const enum fuzz_fd sibling[] = { FD_SIBLING };
	static const enum fuzz_fd dead[] = { FD_DEAD };
	static const enum fuzz_fd no_init[] = { FD_NO_INIT };
	static const struct { enum fuzz_fd kind; const char *path; } others[] = {
		{ FD_MNT, "/proc/self/ns/mnt" }, { FD_NET, "/proc/self/ns/net" },
		{ FD_UTS, "/proc/self/ns/uts" }, { FD_IPC, "/proc/self/ns/ipc" },
		{ FD_USER, "/proc/self/ns/user" }, { FD_CGROUP, "/proc/self/ns/cgroup" },
		{ FD_TIME, "/proc/self/ns/time" },
	};
	struct timeval timeout = { .tv_sec = 10 };
	int socks[2], i;
	FILE *f;

	memset(env, 0, sizeof(*env));
	for (i = 0; i < FD_KINDS; i++)
		env->fd[i] = -1;
	env->dev = -1;
	env->page = sysconf(_SC_PAGESIZE);
	env->guard = mmap(NULL, env->page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (env->guard == MAP_FAILED)
		return -1;
	f = fopen("/proc/sys/kernel/pid_max", "r");
	if (!f || fscanf(f, "%d", &env->pid_max) != 1)
		return -1;
	fclose(f);

	env->fd[FD_INIT_NS] = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
	env->pid_ns[FD_INIT_NS] = env->pid_ns[FD_SELF] = true;
	if (env->fd[FD_INIT_NS] < 0 || socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, socks))
		return -1;
	/* A chain that fails sends nothing: give up rather than hang. */
	if (setsockopt(socks[0], SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout)))
		return -1;
	if (add_chain(env, socks, 3, END_PAUSE, chain) ||
	    add_chain(env, socks, 1, END_PAUSE, sibling) ||
	    add_chain(env, socks, 1, END_INIT_EXITS, dead) ||
	    add_chain(env, socks, 1, END_NO_INIT, no_init))
		return -1;
	close(socks[0]);
	close(socks[1]);
	if (!same_fs(env->fd[FD_NO_INIT], env->fd[FD_INIT_NS])) {
		close(env->fd[FD_NO_INIT]);
		env->fd[FD_NO_INIT] = env->fd[FD_DEAD];
	}
	/* Only CALLER_USERNS has a namespace of its own; the rest aim at ns2. */
	env->fd[FD_OWNED] = env->fd[FD_NS2];
	env->pid_ns[FD_OWNED] = true;

	/* A namespace type the kernel lacks: its calls go to another fd, not -1. */
	for (i = 0; i < (int)(sizeof(others) / sizeof(others[0])); i++) {
		env->fd[others[i].kind] = open(others[i].path, O_RDONLY | O_CLOEXEC);
		if (env->fd[others[i].kind] < 0)
			env->fd[others[i].kind] = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
	}
	env->fd[FD_REGULAR] = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	env->fd[FD_CLOSED] = 999;
	while (fcntl(env->fd[FD_CLOSED], F_GETFD) != -1)
		env->fd[FD_CLOSED]++;
	env->via = find_interface(env);
	return env->fd[FD_REGULAR] < 0 ? -1 : 0;
}

/*
 * In CALLER_USERNS, after unshare(CLONE_NEWUSER): a child pid namespace
 * that user namespace owns, with an init that pauses.  The caller itself
 * stays in the initial pid namespace, which its user namespace does not
 * own: a SET of both levels must fail with EPERM, of the inner one work.
 */
int fuzz_env_add_owned_child(struct fuzz_env *env)
{
	pid_t init;

	if (unshare(CLONE_NEWPID))
		return -1;
	init = fork();
	if (init < 0)
		return -1;
	if (init == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		pause();
		_exit(0);
	}
	/* Not before: procfs shows no pid_for_children without an init. */
	env->fd[FD_OWNED] = open("/proc/self/ns/pid_for_children", O_RDONLY | O_CLOEXEC);
	return env->fd[FD_OWNED] < 0 ? -1 : 0;
}

void fuzz_env_teardown(struct fuzz_env *env)
{
	int i;

	for (i = 0; i < env->nr_holders; i++) {
		kill(env->holders[i], SIGKILL);
		waitpid(env->holders[i], NULL, 0);
	}
}
