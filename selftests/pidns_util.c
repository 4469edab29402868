// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "pidns_util.h"

/*
 * Parse the line "@key:\tN\tN..." of @proc/@task/status into @ids.
 * @task is "PID" or "PID/task/TID".  Returns how many numbers it holds,
 * or -errno.
 */
int read_status_ids(const char *proc, const char *task, const char *key,
		    int *ids, int max)
{
	char path[256], line[1024];
	size_t keylen = strlen(key);
	int n = -ENOENT;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/status", proc, task);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		char *p = line + keylen + 1, *end;

		if (strncmp(line, key, keylen) || line[keylen] != ':')
			continue;
		for (n = 0; n < max; n++) {
			long v = strtol(p, &end, 10);

			if (end == p)
				break;
			ids[n] = v;
			p = end;
		}
		break;
	}
	fclose(f);
	return n;
}

int format_ids(char *buf, size_t size, const int *ids, int n)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%d", i ? " " : "", ids[i]);
	return len;
}

int ids_equal(const int *got, int ngot, const int *want, int nwant)
{
	return ngot == nwant && !memcmp(got, want, nwant * sizeof(*want));
}

/* clone3() as fork(): SIGCHLD to the parent, returns 0 in the child. */
pid_t clone3_set_tid(unsigned long long flags, const pid_t *set_tid,
		     size_t set_tid_size)
{
	struct clone_args args = {
		.flags = flags,
		.exit_signal = SIGCHLD,
		.set_tid = (uintptr_t)set_tid,
		.set_tid_size = set_tid_size,
	};

	return syscall(SYS_clone3, &args, sizeof(args));
}

/* Exit status of @pid, or -1 (with a message) if it did not exit normally. */
int wait_for_exit(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid) {
		printf("# waitpid(%d): %s\n", pid, strerror(errno));
		return -1;
	}
	if (WIFSIGNALED(status)) {
		printf("# pid %d killed by signal %d\n", pid, WTERMSIG(status));
		return -1;
	}
	return WEXITSTATUS(status);
}

/* Mount a proc of the caller's active pid namespace on @dir. */
int mount_proc(const char *dir)
{
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -errno;
	if (mount("proc", dir, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
		return -errno;
	return 0;
}
