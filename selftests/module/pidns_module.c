// SPDX-License-Identifier: GPL-2.0
/*
 * pidns.ko on a stock kernel: what /dev/pidns adds to the nsfs ioctls'
 * errors, who may open it, SET under a Landlock sandbox, the pid_max bound
 * it can know, and loading and unloading it while other tasks use it.
 * Expects the module loaded with its defaults, and its file at $PIDNS_KO
 * (default /module/pidns.ko); leaves it loaded so.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <grp.h>
#include <sys/prctl.h>
#include <linux/landlock.h>
#include <linux/pidns.h>

#include "kselftest_harness.h"
#include "last_pid_vec.h"

#define HIERARCHY "/proc/pidns_hierarchy"
#define CYCLES 100

static int delete_module(const char *name, int flags)
{
	return syscall(SYS_delete_module, name, flags);
}

static int load_module_with(const char *params)
{
	const char *path = getenv("PIDNS_KO") ?: "/module/pidns.ko";
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -1;
	ret = syscall(SYS_finit_module, fd, params, 0);
	close(fd);
	return ret;
}

static int load_module(void)
{
	return load_module_with("");
}

/* Unload (retrying while a hammer holds the device) and load with @params. */
static int reload_module(const char *params)
{
	time_t deadline = time(NULL) + 30;

	while (delete_module("pidns", O_NONBLOCK)) {
		if ((errno != EWOULDBLOCK && errno != EBUSY) || time(NULL) > deadline)
			return -1;
		usleep(1000);
	}
	return load_module_with(params);
}

static int module_refcnt(void)
{
	FILE *f = fopen("/sys/module/pidns/refcnt", "r");
	int n = -1;

	if (f && fscanf(f, "%d", &n) != 1)
		n = -1;
	if (f)
		fclose(f);
	return n;
}

static const char *cannot_run(void)
{
	if (geteuid())
		return "needs root";
	if (access(PIDNS_DEVICE, F_OK))
		return PIDNS_DEVICE " is missing: pidns.ko is not loaded";
	return NULL;
}

static int dev_ioctl(unsigned long cmd, struct pidns_last_pid_req *req)
{
	int dev = open(PIDNS_DEVICE, O_RDWR | O_CLOEXEC), ret;

	if (dev < 0)
		return -errno;
	ret = ioctl(dev, cmd, req) ? -errno : 0;
	close(dev);
	return ret;
}

/*
 * The request's own fields: its size, vec_size, and ns_fd naming no pid
 * namespace.  The rest of the request is the nsfs ioctl's, tested by the
 * series' last_pid_vec tests through selftests/module/last_pid_vec.h.
 */
TEST(request_errors)
{
	int pids[1] = { 500 };
	struct ns_last_pid_vec vec = { .nr = 1, .pids = (uintptr_t)pids };
	struct pidns_last_pid_req req = { .vec_size = sizeof(vec), .vec = (uintptr_t)&vec };
	char big[32] = { 0 };
	int file, mnt, dev;

	if (cannot_run())
		SKIP(return, "%s", cannot_run());
	file = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	mnt = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
	ASSERT_GE(file, 0);
	ASSERT_GE(mnt, 0);

	req.ns_fd = -1;
	EXPECT_EQ(dev_ioctl(PIDNS_IOC_SET_LAST_PID_VEC, &req), -EBADF);
	EXPECT_EQ(dev_ioctl(PIDNS_IOC_GET_LAST_PID_VEC, &req), -EBADF);
	req.ns_fd = file;
	EXPECT_EQ(dev_ioctl(PIDNS_IOC_SET_LAST_PID_VEC, &req), -EINVAL);
	EXPECT_EQ(dev_ioctl(PIDNS_IOC_GET_LAST_PID_VEC, &req), -EINVAL);
	req.ns_fd = mnt;
	EXPECT_EQ(dev_ioctl(PIDNS_IOC_SET_LAST_PID_VEC, &req), -EINVAL);
	EXPECT_EQ(dev_ioctl(PIDNS_IOC_GET_LAST_PID_VEC, &req), -EINVAL);

	/* The request is size-versioned as the struct it points at is. */
	req.ns_fd = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
	memcpy(big, &req, sizeof(req));
	dev = open(PIDNS_DEVICE, O_RDONLY | O_CLOEXEC);
	ASSERT_GE(dev, 0);
	EXPECT_EQ(ioctl(dev, _IOC(_IOC_WRITE, NSIO, 0x41, 8), big), -1);
	EXPECT_EQ(errno, EINVAL);
	big[sizeof(req) + 3] = 1;
	EXPECT_EQ(ioctl(dev, _IOC(_IOC_WRITE, NSIO, 0x41, sizeof(big)), big), -1);
	EXPECT_EQ(errno, E2BIG);
	big[sizeof(req) + 3] = 0;
	EXPECT_EQ(ioctl(dev, _IOC(_IOC_WRITE, NSIO, 0x41, sizeof(big)), big), 0);
	req.vec_size = NS_LAST_PID_VEC_SIZE_VER0 - 1;
	EXPECT_EQ(dev_ioctl(PIDNS_IOC_GET_LAST_PID_VEC, &req), -EINVAL);
	/* Above a page, before a byte of it is read: E2BIG, even unmapped. */
	req.vec_size = sysconf(_SC_PAGESIZE) + 1;
	req.vec = 8;
	EXPECT_EQ(dev_ioctl(PIDNS_IOC_GET_LAST_PID_VEC, &req), -E2BIG);
	EXPECT_EQ(dev_ioctl(PIDNS_IOC_SET_LAST_PID_VEC, &req), -E2BIG);
	req.vec = (uintptr_t)&vec;
	close(req.ns_fd);

	EXPECT_EQ(ioctl(dev, _IO(NSIO, 0x7f)), -1);
	EXPECT_EQ(errno, ENOTTY);
	/* The ioctl's direction is part of its number. */
	EXPECT_EQ(ioctl(dev, _IOC(_IOC_READ, NSIO, 0x40, sizeof(req)), &req), -1);
	EXPECT_EQ(errno, ENOTTY);
	close(dev);
	close(file);
	close(mnt);
}

/*
 * Who may open the device: by default only root (0600 root:root), an
 * unprivileged user gets EACCES; with mode= and group= the members of
 * that group may, and SET still wants CAP_CHECKPOINT_RESTORE.  A child
 * runs each attempt as uid 65534 with the supplementary groups given.
 */
static int open_as(uid_t uid, gid_t grp, int flags, unsigned long cmd)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		int pids[1] = { 400 }, dev, ns;
		struct ns_last_pid_vec vec = { .nr = 1, .pids = (uintptr_t)pids };
		struct pidns_last_pid_req req = { .vec_size = sizeof(vec), .vec = (uintptr_t)&vec };

		ns = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
		if (ns < 0 || setgroups(1, &grp) || setgid(uid) || setuid(uid))
			_exit(100);
		dev = open(PIDNS_DEVICE, flags | O_CLOEXEC);
		if (dev < 0)
			_exit(errno);
		req.ns_fd = ns;
		_exit(cmd && ioctl(dev, cmd, &req) ? errno : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST(device_is_root_only_by_default)
{
	struct stat st;

	if (cannot_run())
		SKIP(return, "%s", cannot_run());
	ASSERT_EQ(stat(PIDNS_DEVICE, &st), 0);
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(st.st_mode & 07777, 0600u);
	EXPECT_EQ(st.st_uid, 0u);
	EXPECT_EQ(st.st_gid, 0u);
	EXPECT_EQ(open_as(65534, 65534, O_RDONLY, 0), EACCES);
	EXPECT_EQ(open_as(65534, 65534, O_RDWR, 0), EACCES);
}

TEST(group_may_open_with_mode_and_group)
{
	const gid_t restorers = 4242;
	struct stat st;

	if (cannot_run())
		SKIP(return, "%s", cannot_run());
	ASSERT_EQ(reload_module("mode=0660 group=4242"), 0) TH_LOG("load: %s", strerror(errno));
	ASSERT_EQ(stat(PIDNS_DEVICE, &st), 0);
	EXPECT_EQ(st.st_mode & 07777, 0660u);
	EXPECT_EQ(st.st_gid, restorers);
	/* A member reads; its SET reaches the capability check and fails there. */
	EXPECT_EQ(open_as(65534, restorers, O_RDONLY, PIDNS_IOC_GET_LAST_PID_VEC), 0);
	EXPECT_EQ(open_as(65534, restorers, O_RDWR, PIDNS_IOC_SET_LAST_PID_VEC), EPERM);
	/* Anyone else still gets EACCES. */
	EXPECT_EQ(open_as(65534, 65534, O_RDONLY, 0), EACCES);

	/* Bad parameters are refused, and nothing is left registered. */
	EXPECT_EQ(reload_module("mode=0755"), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_NE(access(PIDNS_DEVICE, F_OK), 0);
	EXPECT_EQ(load_module_with("mode=0"), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(load_module_with("group=4294967295"), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(load_module_with("proc_name=1234"), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(load_module_with("proc_name=a/b"), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(load_module_with("proc_name=version"), -1);
	EXPECT_EQ(errno, EBUSY);
	EXPECT_NE(access(PIDNS_DEVICE, F_OK), 0);
	EXPECT_NE(access(HIERARCHY, F_OK), 0);
	ASSERT_EQ(load_module(), 0);
	ASSERT_EQ(stat(PIDNS_DEVICE, &st), 0);
	EXPECT_EQ(st.st_mode & 07777, 0600u);
}

/* SET writes: through a file not open for writing it is EBADF; GET reads. */
TEST(set_needs_a_writable_file)
{
	int pids[1] = { 0 }, dev;
	struct ns_last_pid_vec vec = { .nr = 1, .pids = (uintptr_t)pids };
	struct pidns_last_pid_req req = { .vec_size = sizeof(vec), .vec = (uintptr_t)&vec };

	if (cannot_run())
		SKIP(return, "%s", cannot_run());
	req.ns_fd = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
	ASSERT_GE(req.ns_fd, 0);
	dev = open(PIDNS_DEVICE, O_RDONLY | O_CLOEXEC);
	ASSERT_GE(dev, 0);
	ASSERT_EQ(ioctl(dev, PIDNS_IOC_GET_LAST_PID_VEC, &req), 0);
	vec.nr = 1;
	EXPECT_EQ(ioctl(dev, PIDNS_IOC_SET_LAST_PID_VEC, &req), -1);
	EXPECT_EQ(errno, EBADF);
	close(dev);
	dev = open(PIDNS_DEVICE, O_WRONLY | O_CLOEXEC);
	ASSERT_GE(dev, 0);
	EXPECT_EQ(ioctl(dev, PIDNS_IOC_SET_LAST_PID_VEC, &req), 0);
	vec.nr = 1;
	EXPECT_EQ(ioctl(dev, PIDNS_IOC_GET_LAST_PID_VEC, &req), 0);
	close(dev);
	close(req.ns_fd);
}

/*
 * A restorer sandboxed by Landlock so that it can open nothing, /proc
 * included: with the device and the namespace opened before, SET and GET
 * work, because the module opens no file on the caller's behalf.
 */
TEST(set_works_under_landlock_without_proc)
{
	struct landlock_ruleset_attr attr = {
		.handled_access_fs = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1,
	};
	pid_t pid;
	int abi, status;

	if (cannot_run())
		SKIP(return, "%s", cannot_run());
	abi = syscall(__NR_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	/* Debian's kernels have it, first in CONFIG_LSM: its absence is a failure. */
	ASSERT_GE(abi, 1) TH_LOG("Landlock is not enabled: %s (lsm= on the command line?)",
				 strerror(errno));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		int pids[1], dev, ruleset;
		struct ns_last_pid_vec vec = { .nr = 1, .pids = (uintptr_t)pids };
		struct pidns_last_pid_req req = { .vec_size = sizeof(vec), .vec = (uintptr_t)&vec };

		req.ns_fd = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
		dev = open(PIDNS_DEVICE, O_RDWR | O_CLOEXEC);
		ruleset = syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr), 0);
		if (req.ns_fd < 0 || dev < 0 || ruleset < 0 ||
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    syscall(__NR_landlock_restrict_self, ruleset, 0))
			_exit(10);
		/* The sandbox holds: /proc cannot be read any more. */
		if (open("/proc/sys/kernel/pid_max", O_RDONLY) >= 0 || errno != EACCES)
			_exit(11);
		if (ioctl(dev, PIDNS_IOC_GET_LAST_PID_VEC, &req))
			_exit(12);
		vec.nr = 1;
		if (ioctl(dev, PIDNS_IOC_SET_LAST_PID_VEC, &req))
			_exit(13);
		/* And a bad value still gets the documented EINVAL. */
		pids[0] = -5;
		if (ioctl(dev, PIDNS_IOC_SET_LAST_PID_VEC, &req) != -1 || errno != EINVAL)
			_exit(14);
		_exit(0);
	}
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0) TH_LOG("Landlock ABI %d: step %d failed", abi,
						 WEXITSTATUS(status));
}

static int write_int(const char *path, int value)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = fprintf(f, "%d\n", value) > 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static int read_int(const char *path)
{
	FILE *f = fopen(path, "r");
	int value = -1;

	if (f && fscanf(f, "%d", &value) != 1)
		value = -1;
	if (f)
		fclose(f);
	return value;
}

/* The pid a new child of this task gets. */
static pid_t next_child_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return pid;
}

/*
 * The bound a module can know (Documentation/module.md): from 6.14 each
 * level's own pid_max, so a value above it is EINVAL as in the series;
 * before, PID_MAX_LIMIT, so a value above pid_max is accepted and the next
 * fork wraps below pid_max, as after pid_max - 1.  Never a pid at or above
 * pid_max.
 */
TEST(values_above_pid_max)
{
	const char *sysctl = "/proc/sys/kernel/pid_max";
	int pids[1], dev, saved, per_ns, i;
	struct ns_last_pid_vec vec = { .nr = 1, .pids = (uintptr_t)pids };
	struct pidns_last_pid_req req = { .vec_size = sizeof(vec), .vec = (uintptr_t)&vec };
	pid_t next;
	long ret;

	if (cannot_run())
		SKIP(return, "%s", cannot_run());
	per_ns = kernel_has_ns_pid_max();
	ASSERT_GE(per_ns, 0);
	saved = read_int(sysctl);
	ASSERT_GT(saved, 20000);
	req.ns_fd = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
	dev = open(PIDNS_DEVICE, O_RDWR | O_CLOEXEC);
	ASSERT_GE(req.ns_fd, 0);
	ASSERT_GE(dev, 0);
	ASSERT_EQ(write_int(sysctl, 10000), 0);

	pids[0] = 20000;
	ret = ioctl(dev, PIDNS_IOC_SET_LAST_PID_VEC, &req);
	if (per_ns) {
		EXPECT_EQ(ret, -1);
		EXPECT_EQ(errno, EINVAL);
	} else {
		EXPECT_EQ(ret, 0) TH_LOG("SET above pid_max: %s", strerror(errno));
		next = next_child_pid();
		EXPECT_GT(next, 0);
		EXPECT_LT(next, 10000) TH_LOG("the next fork got %d", next);
	}
	/* At the bound, both agree: EXACT wants pids[0] + 1 below it. */
	/* (A fork elsewhere in between could take 9999: three tries.) */
	for (i = 0; i < 3; i++) {
		pids[0] = 9998;
		vec.nr = 1;
		vec.flags = NS_LAST_PID_VEC_EXACT;
		ret = ioctl(dev, PIDNS_IOC_SET_LAST_PID_VEC, &req);
		next = ret ? -1 : next_child_pid();
		if (next == 9999)
			break;
	}
	EXPECT_EQ(ret, 0) TH_LOG("EXACT 9998: %s", strerror(errno));
	EXPECT_EQ(next, 9999);
	/* Past it, the series refuses; before 6.14 EXACT's promise is lost. */
	pids[0] = 9999;
	vec.nr = 1;
	ret = ioctl(dev, PIDNS_IOC_SET_LAST_PID_VEC, &req);
	if (per_ns) {
		EXPECT_EQ(ret, -1);
		EXPECT_EQ(errno, EINVAL);
	} else {
		EXPECT_EQ(ret, 0) TH_LOG("EXACT 9999: %s", strerror(errno));
		next = next_child_pid();
		EXPECT_GT(next, 0);
		EXPECT_LT(next, 10000) TH_LOG("the next fork got %d, not pids[0] + 1", next);
	}
	pids[0] = 4194305;	/* above PID_MAX_LIMIT (x86_64): above every bound */
	vec.nr = 1;
	vec.flags = 0;
	EXPECT_EQ(ioctl(dev, PIDNS_IOC_SET_LAST_PID_VEC, &req), -1);
	EXPECT_EQ(errno, EINVAL);

	EXPECT_EQ(write_int(sysctl, saved), 0);
	close(dev);
	close(req.ns_fd);
}

static ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, total = 0;

	if (fd < 0)
		return -1;
	while (total < (ssize_t)size - 1 && (n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = 0;
	return total;
}

/*
 * The file bind-mounted alone (a container runtime's way to give it to a
 * container) reads as it does in /proc: the visibility walk starts at the
 * proc superblock's root, not at the mount's, which is the file itself.
 * A namespace below the initial one makes sure there is a line to lose.
 */
TEST(file_bind_mounted_alone_reads_as_in_proc)
{
	char in_proc[4096], bound[4096];
	int ready[2], status;
	pid_t outer, reader;
	char c;

	if (cannot_run())
		SKIP(return, "%s", cannot_run());
	ASSERT_EQ(pipe(ready), 0);
	outer = fork();
	ASSERT_GE(outer, 0);
	if (outer == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (unshare(CLONE_NEWPID))
			_exit(1);
		if (fork() == 0) {	/* pid 1, until outer dies */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			close(ready[0]);
			if (write(ready[1], "x", 1) != 1)
				_exit(1);
		}
		pause();
		_exit(0);
	}
	close(ready[1]);
	ASSERT_EQ(read(ready[0], &c, 1), 1);
	close(ready[0]);

	ASSERT_GT(read_file(HIERARCHY, in_proc, sizeof(in_proc)), 0);
	reader = fork();
	ASSERT_GE(reader, 0);
	if (reader == 0) {
		const char *target = "/tmp/pidns_hierarchy.bound";
		int fd;

		mkdir("/tmp", 0755);
		fd = open(target, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
		if (fd < 0 || close(fd) || unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mount(HIERARCHY, target, NULL, MS_BIND, NULL))
			_exit(2);
		if (read_file(target, bound, sizeof(bound)) < 0)
			_exit(3);
		_exit(strcmp(bound, in_proc) ? 1 : 0);
	}
	ASSERT_EQ(waitpid(reader, &status, 0), reader);
	kill(outer, SIGKILL);
	waitpid(outer, NULL, 0);
	unlink("/tmp/pidns_hierarchy.bound");
	ASSERT_TRUE(WIFEXITED(status));
	/* 1: the contents differ; 2, 3: the bind mount or its read failed. */
	EXPECT_EQ(WEXITSTATUS(status), 0) TH_LOG("status %d; in /proc:\n%s",
						 WEXITSTATUS(status), in_proc);
}

/* An open /dev/pidns pins the module: unloading fails and changes nothing. */
TEST(unload_refused_while_device_open)
{
	int dev;

	if (cannot_run())
		SKIP(return, "%s", cannot_run());
	dev = open(PIDNS_DEVICE, O_RDONLY | O_CLOEXEC);
	ASSERT_GE(dev, 0);
	ASSERT_EQ(delete_module("pidns", O_NONBLOCK), -1);
	EXPECT_TRUE(errno == EWOULDBLOCK || errno == EBUSY) TH_LOG("errno %d", errno);
	EXPECT_EQ(access(HIERARCHY, R_OK), 0);
	/* chrdev_open() pins the cdev's owner and then the fops' owner. */
	EXPECT_EQ(module_refcnt(), 2);
	close(dev);
	EXPECT_EQ(module_refcnt(), 0);
}

/* Each hammer runs until killed. */
static void hammer_device(void)
{
	for (;;) {
		int pids[8];
		struct ns_last_pid_vec vec = { .nr = 8, .pids = (uintptr_t)pids };
		struct pidns_last_pid_req req = { .vec_size = sizeof(vec), .vec = (uintptr_t)&vec };

		req.ns_fd = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
		dev_ioctl(PIDNS_IOC_GET_LAST_PID_VEC, &req);
		close(req.ns_fd);
	}
}

/* Keeps the file open across unloads: reads fail then, and it reopens. */
static void hammer_held_file(void)
{
	char buf[4096];
	int fd = -1;

	for (;;) {
		if (fd < 0)
			fd = open(HIERARCHY, O_RDONLY | O_CLOEXEC);
		if (fd >= 0 && pread(fd, buf, sizeof(buf), 0) < 0) {
			close(fd);
			fd = -1;
		}
	}
}

static void hammer_file(void)
{
	char buf[4096];

	for (;;) {
		int fd = open(HIERARCHY, O_RDONLY | O_CLOEXEC);

		if (fd >= 0) {
			while (read(fd, buf, sizeof(buf)) > 0)
				;
			close(fd);
		}
	}
}

/* A hammer dies with the test, even one the harness's timeout ends. */
static pid_t start(void (*fn)(void))
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)	/* it died before prctl() */
			_exit(0);
		fn();
	}
	return pid;
}

/* A cycle is a module load, which mounts proc once: give TCG time. */
FIXTURE(cycles) {};
FIXTURE_SETUP(cycles) {}
FIXTURE_TEARDOWN(cycles) {}

/*
 * 100 unloads and loads while three tasks keep using the file and the
 * device.  An unload may be refused while the device is open in that
 * instant; it is retried.  Afterwards no reference is left.
 */
TEST_F_TIMEOUT(cycles, load_unload_cycles_under_use, 300)
{
	pid_t hammers[3];
	int cycle, i, refused = 0;

	if (cannot_run())
		SKIP(return, "%s", cannot_run());
	hammers[0] = start(hammer_device);
	hammers[1] = start(hammer_held_file);
	hammers[2] = start(hammer_file);
	for (i = 0; i < 3; i++)
		ASSERT_GT(hammers[i], 0);
	usleep(100000);

	for (cycle = 0; cycle < CYCLES; cycle++) {
		time_t deadline = time(NULL) + 30;

		while (delete_module("pidns", O_NONBLOCK)) {
			ASSERT_TRUE(errno == EWOULDBLOCK || errno == EBUSY)
				TH_LOG("cycle %d: unload: %s", cycle, strerror(errno));
			ASSERT_LT(time(NULL), deadline) TH_LOG("cycle %d: still in use", cycle);
			refused++;
			usleep(1000);
		}
		ASSERT_NE(access(HIERARCHY, F_OK), 0) TH_LOG("cycle %d: file left", cycle);
		ASSERT_EQ(load_module(), 0) TH_LOG("cycle %d: load: %s", cycle, strerror(errno));
		ASSERT_EQ(access(HIERARCHY, R_OK), 0);
	}
	for (i = 0; i < 3; i++) {
		kill(hammers[i], SIGKILL);
		waitpid(hammers[i], NULL, 0);
	}
	TH_LOG("%d cycles, %d unloads refused while in use", CYCLES, refused);
	EXPECT_EQ(module_refcnt(), 0);
	/* And it can still go and come back. */
	ASSERT_EQ(delete_module("pidns", O_NONBLOCK), 0);
	ASSERT_EQ(load_module(), 0);
}

TEST_HARNESS_MAIN
