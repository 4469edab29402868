// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <linux/openat2.h>
#include <unistd.h>

#include "proc.h"
#include "util.h"

#define PROC_SUPER_MAGIC 0x9fa0

/*
 * Relative lookups from one fd of /proc save the walk from / each time.
 * It must be a proc: in a container's mount namespace, /proc can be
 * anything the container mounted there.
 */
static int proc_dir(void)
{
	static int fd = -1;
	struct statfs sfs;

	if (fd < 0) {
		fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			fatal("/proc: %s", strerror(errno));
		if (fstatfs(fd, &sfs) || sfs.f_type != PROC_SUPER_MAGIC)
			fatal("/proc is not a proc filesystem");
	}
	return fd;
}

int proc_open_sysctl(const char *name, int flags)
{
	struct open_how how = {
		.flags = flags | O_CLOEXEC,
		.resolve = RESOLVE_NO_XDEV | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	char path[128];
	struct statfs sfs;
	int fd;

	snprintf(path, sizeof(path), "sys/kernel/%s", name);
	fd = syscall(SYS_openat2, proc_dir(), path, &how, sizeof(how));
	if (fd < 0 && errno == ENOSYS)	/* before 5.6: the statfs check alone */
		fd = openat(proc_dir(), path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstatfs(fd, &sfs) || sfs.f_type != PROC_SUPER_MAGIC) {
		close(fd);
		errno = EXDEV;
		return -1;
	}
	return fd;
}

static bool same_ns(const char *a, const char *b)
{
	struct stat sa, sb;

	return !stat(a, &sa) && !stat(b, &sb) && sa.st_ino == sb.st_ino && sa.st_dev == sb.st_dev;
}

void proc_check_ours(void)
{
	const char *fix = "enter the mount namespace that goes with the pid namespace (nsenter -m -p), or mount a proc of our own (unshare -m --mount-proc)";
	char self[32];
	ssize_t n = readlink("/proc/self", self, sizeof(self) - 1);
	struct stat st;
	long pid;
	int nr[2];

	if (n < 0 && errno == ENOENT && stat("/proc/self", &st) && !stat("/proc/1", &st))
		fatal("/proc is the proc of a pid namespace in which we do not exist: %s", fix);
	if (n < 0)
		fatal("/proc/self: %s: is proc mounted on /proc?", strerror(errno));
	self[n] = '\0';
	if (parse_int(self, 1, PID_NUMBER_MAX, &pid) || pid != getpid())
		fatal("/proc is the proc of another pid namespace (it numbers us %s, we are %d): %s",
		      self, getpid(), fix);
	if (access("/proc/self/ns/pid", F_OK))
		fatal("/proc/self/ns/pid: %s: this tool needs the namespace files of /proc",
		      strerror(errno));
	/*
	 * Our number can be the same in an ancestor's proc by chance.  Its
	 * pid 1 is then not in our namespace; where pid 1 may not be looked
	 * at (hidepid), our NSpid line has one number only in our own proc.
	 */
	if (!access("/proc/1/ns/pid", F_OK) && proc_ns_ino("1", "pid")) {
		if (same_ns("/proc/1/ns/pid", "/proc/self/ns/pid"))
			return;
	} else if (read_nspid("self", nr, 2) == 1) {
		return;
	}
	fatal("/proc is the proc of an ancestor of our pid namespace: %s", fix);
}

ino_t proc_ns_ino(const char *task, const char *type)
{
	ino_t ino = proc_ns_ino_uncounted(task, type);

	counts.ns_links += ino != 0;
	return ino;
}

ino_t proc_ns_ino_uncounted(const char *task, const char *type)
{
	char path[64], link[64], *end;
	unsigned long long ino;
	ssize_t n;
	char *p;

	snprintf(path, sizeof(path), "%s/ns/%s", task, type);
	n = readlinkat(proc_dir(), path, link, sizeof(link) - 1);
	if (n <= 0)
		return 0;
	link[n] = '\0';
	/* "pid:[4026531836]" */
	p = strchr(link, '[');
	if (!p)
		return 0;
	ino = strtoull(p + 1, &end, 10);
	return *end == ']' ? (ino_t)ino : 0;
}

int proc_ns_open(const char *task, const char *type)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/ns/%s", task, type);
	return openat(proc_dir(), path, O_RDONLY | O_CLOEXEC);
}

static pid_t pid_of(const char *name)
{
	long pid;

	return parse_int(name, 1, PID_NUMBER_MAX, &pid) ? 0 : pid;
}

void proc_for_each_pid(bool (*fn)(void *arg, pid_t pid), void *arg)
{
	DIR *dir = fdopendir(dup(proc_dir()));
	struct dirent *d;

	if (!dir)
		fatal("/proc: %s", strerror(errno));
	rewinddir(dir);
	while ((d = readdir(dir))) {
		pid_t pid = pid_of(d->d_name);

		if (!pid)
			continue;
		counts.tasks++;
		if (!fn(arg, pid))
			break;
	}
	closedir(dir);
}

void proc_for_each_thread(pid_t pid, bool (*fn)(void *arg, pid_t pid, pid_t tid), void *arg)
{
	char path[32];
	struct dirent *d;
	DIR *dir;
	int fd;

	snprintf(path, sizeof(path), "%d/task", pid);
	fd = openat(proc_dir(), path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return;
	}
	while ((d = readdir(dir))) {
		pid_t tid = pid_of(d->d_name);

		if (tid && tid != pid && !fn(arg, pid, tid))
			break;
	}
	closedir(dir);
}
