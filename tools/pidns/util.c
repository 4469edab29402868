// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

const char *command_name;
bool verbose_on;
struct read_counts counts;

static void vmessage(const char *fmt, va_list ap)
{
	fprintf(stderr, "pidns: ");
	if (command_name)
		fprintf(stderr, "%s: ", command_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

void verbose(const char *fmt, ...)
{
	va_list ap;

	if (!verbose_on)
		return;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	exit(EXIT_FAILURE);
}

void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'pidns --help' for more information.\n");
	exit(EXIT_USAGE);
}

bool source_allowed(const char *name)
{
	const char *list = secure_getenv("PIDNS_SOURCES"), *p;
	size_t len = strlen(name);

	if (!list || !*list)
		return true;
	for (p = list; (p = strstr(p, name)); p += len)
		if ((p == list || p[-1] == ',') && (p[len] == ',' || !p[len]))
			return true;
	return false;
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p)
		fatal("out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p)
		fatal("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		fatal("out of memory");
	return d;
}

int parse_int(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!is_number(s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

bool is_number(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The whole of the small file open on @fd, NUL-terminated; closes @fd. */
static ssize_t read_small_fd(int fd, char *buf, size_t size)
{
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while ((size_t)len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

/* The whole of a small /proc file, NUL-terminated; its length, or -1. */
static ssize_t read_small(const char *path, char *buf, size_t size)
{
	return read_small_fd(open(path, O_RDONLY | O_CLOEXEC), buf, size);
}

void task_command(pid_t pid, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	n = read_small(path, buf, size);
	if (n > 0) {
		/* The arguments, one space apart, as lsns(8) and ps(1) show them. */
		for (ssize_t i = 0; i < n; i++)
			if (!buf[i])
				buf[i] = ' ';
		while (n > 0 && buf[n - 1] == ' ')
			n--;
		buf[n] = '\0';
		return;
	}
	/* A kernel thread, or a task that cleared its arguments. */
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	n = read_small(path, buf, size);
	if (n < 0)
		n = 0;
	while (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
}

int read_nspid(const char *path, int *nr, int max)
{
	char file[96], *line = NULL;
	size_t cap = 0;
	int n = -1;
	FILE *f;

	snprintf(file, sizeof(file), "/proc/%s/status", path);
	f = fopen(file, "re");
	if (!f)
		return -1;
	counts.status_reads++;
	/* getline: the Groups line before NSpid has no length limit. */
	while (getline(&line, &cap, f) > 0) {
		char *p = line + 6, *end;

		if (strncmp(line, "NSpid:", 6))
			continue;
		for (n = 0; n < max; n++) {
			long v = strtol(p, &end, 10);

			if (end == p)
				break;
			nr[n] = v;
			p = end;
		}
		break;
	}
	free(line);
	fclose(f);
	return n;
}

int read_nspid_of(pid_t pid, int *nr, int max)
{
	char path[16];

	snprintf(path, sizeof(path), "%d", pid);
	return read_nspid(path, nr, max);
}

int read_sysctl_fd(int fd, long *out)
{
	char buf[32], *end;
	long v;

	if (read_small_fd(fd, buf, sizeof(buf)) <= 0)
		return -1;
	errno = 0;
	v = strtol(buf, &end, 10);
	if (end == buf || errno)
		return -1;
	*out = v;
	return 0;
}
