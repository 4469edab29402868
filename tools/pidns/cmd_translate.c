// SPDX-License-Identifier: GPL-2.0
/*
 * pidns translate: "the container's log says pid 3: which host pid is it?"
 * With the nsfs ioctls of 6.11 (NS_GET_PID_FROM_PIDNS, NS_GET_PID_IN_PIDNS)
 * where the kernel has them, else from the NSpid: lines of /proc.
 */
#include <errno.h>
#include <linux/nsfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <dirent.h>
#include <sys/ioctl.h>

#include "commands.h"
#include "nsmodel.h"
#include "nsref.h"
#include "util.h"

#ifndef NS_GET_PID_FROM_PIDNS
#define NS_GET_PID_FROM_PIDNS	_IOR(NSIO, 0x6, int)
#define NS_GET_PID_IN_PIDNS	_IOR(NSIO, 0x8, int)
#endif

/* The entry of @pid's NSpid at @level below us, or 0. */
static pid_t nspid_at(pid_t pid, int level)
{
	int nr[40], n = read_nspid(pid, nr, 40);

	return level >= 0 && level < n ? nr[level] : 0;
}

/* Our number of the task numbered @nr in the namespace @ns_i, by NSpid. */
static pid_t scan_from(const struct nsmodel *m, int ns_i, pid_t nr)
{
	DIR *dir = opendir("/proc");
	struct dirent *d;
	pid_t found = 0;

	while (dir && !found && (d = readdir(dir))) {
		pid_t pid = atoi(d->d_name);
		int i;

		if (pid <= 0)
			continue;
		i = nsmodel_find(m, pidns_ino_of(pid));
		if (i >= 0 && nsmodel_within(m, i, ns_i) && nspid_at(pid, m->ns[ns_i].level) == nr)
			found = pid;
	}
	if (dir)
		closedir(dir);
	return found;
}

int cmd_translate(const char *pid_arg, const char *from, const char *to, bool all)
{
	struct nsref src, dst = { .fd = -1 };
	struct nsmodel m = { 0 };
	pid_t ours, result;
	long nr;

	if (parse_int(pid_arg, 1, 0x3fffffff, &nr))
		usage_error("'%s' is not a pid", pid_arg);
	nsref_open(from, &src);
	if (to)
		nsref_open(to, &dst);

	ours = ioctl(src.fd, NS_GET_PID_FROM_PIDNS, (int)nr);
	if (ours < 0 && errno != ESRCH) {
		int i;

		nsmodel_load(&m);
		i = nsmodel_find(&m, src.ino);
		if (i < 0)
			fatal("%s: not a pid namespace at or below ours", from);
		ours = scan_from(&m, i, nr);
	}
	if (ours <= 0)
		fatal("pid %ld does not exist in namespace %s (or is not visible from ours)", nr, from);

	if (all) {
		int v[40], n = read_nspid(ours, v, 40), k;

		if (n <= 0)
			fatal("pid %ld of %s has exited", nr, from);
		for (k = 0; k < n; k++)
			printf("%s%d", k ? " " : "", v[k]);
		printf("\n");
		return 0;
	}
	if (!to) {
		printf("%d\n", ours);
		return 0;
	}
	result = ioctl(dst.fd, NS_GET_PID_IN_PIDNS, ours);
	if (result < 0 && errno != ESRCH) {
		int i;

		if (!m.n)
			nsmodel_load(&m);
		i = nsmodel_find(&m, dst.ino);
		result = 0;
		if (i >= 0) {
			int t = nsmodel_find(&m, pidns_ino_of(ours));

			if (t >= 0 && nsmodel_within(&m, t, i))
				result = nspid_at(ours, m.ns[i].level);
		}
	}
	if (result <= 0)
		fatal("pid %ld of %s is not visible in namespace %s", nr, from, to);
	printf("%d\n", result);
	nsmodel_free(&m);
	return 0;
}
