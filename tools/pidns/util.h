/* SPDX-License-Identifier: GPL-2.0 */
/* Messages, exit codes, allocation and /proc reads for pidns(1). */
#ifndef PIDNS_UTIL_H
#define PIDNS_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define EXIT_USAGE 2	/* 0: success, 1: failure */

/* The largest number a pid field can hold (FUTEX_TID_MASK): parse bound. */
#define PID_NUMBER_MAX 0x3fffffff
/* The largest pid_max a kernel accepts (PID_MAX_LIMIT, 64-bit). */
#define PID_MAX_LIMIT (4 * 1024 * 1024)

#define ARRAY_SIZE(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* "pidns: <command>: <message>" on stderr. */
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* The same, with --verbose only. */
void verbose(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern const char *command_name;
extern bool verbose_on;

/*
 * What the commands read, for --verbose: the cost of an answer in the
 * terms of the one-pass promise (one ns link per task, no status file
 * unless the kernel leaves no other way).
 */
struct read_counts {
	long tasks;		/* /proc entries visited */
	long ns_links;		/* /proc/PID/ns/pid links read */
	long ns_opened;		/* namespaces opened to learn their place */
	long status_reads;	/* /proc/PID/status files read */
};
extern struct read_counts counts;

/*
 * Whether the interface @name may be used: all of them, unless the
 * environment's PIDNS_SOURCES lists those allowed (for tests, to take the
 * fallbacks on a kernel that has more); the floors (the /proc scan, the
 * helper tasks) are always allowed.
 */
bool source_allowed(const char *name);

void *xrealloc(void *p, size_t size);
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);

/* A whole decimal number in @min..@max; 0, or -1. */
int parse_int(const char *s, long min, long max, long *out);
/* Whether @s is all digits: a pid, even one out of range. */
bool is_number(const char *s);

/* The command line of @pid, or its comm, in @buf; "" if gone. */
void task_command(pid_t pid, char *buf, size_t size);

/*
 * The NSpid line of the task at /proc/@path/status ("1234" or
 * "1234/task/1236"): up to @max numbers, outermost (our namespace) first.
 * Returns how many, or -1.
 */
int read_nspid(const char *path, int *nr, int max);
int read_nspid_of(pid_t pid, int *nr, int max);

/*
 * The first line of the /proc/sys file open on @fd as a number; 0, or -1
 * (errno), also when @fd is -1.  Closes @fd.
 */
int read_sysctl_fd(int fd, long *out);

#endif
