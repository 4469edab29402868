// SPDX-License-Identifier: GPL-2.0
/*
 * pidns.ko on a stock kernel: what /dev/pidns adds to the nsfs ioctls'
 * errors, and loading and unloading it while other tasks use it.  Expects
 * the module loaded, and its file at $PIDNS_KO (default /module/pidns.ko);
 * leaves it loaded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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

#include <linux/pidns.h>

#include "kselftest_harness.h"

#define HIERARCHY "/proc/pidns_hierarchy"
#define CYCLES 100

static int delete_module(const char *name, int flags)
{
	return syscall(SYS_delete_module, name, flags);
}

static int load_module(void)
{
	const char *path = getenv("PIDNS_KO") ?: "/module/pidns.ko";
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -1;
	ret = syscall(SYS_finit_module, fd, "", 0);
	close(fd);
	return ret;
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
	int dev = open(PIDNS_DEVICE, O_RDONLY | O_CLOEXEC), ret;

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
	EXPECT_EQ(module_refcnt(), 1);
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

static pid_t start(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0)
		fn();
	return pid;
}

/*
 * 100 unloads and loads while three tasks keep using the file and the
 * device.  An unload may be refused while the device is open in that
 * instant; it is retried.  Afterwards no reference is left.
 */
TEST(load_unload_cycles_under_use)
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
