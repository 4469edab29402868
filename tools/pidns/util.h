/* SPDX-License-Identifier: GPL-2.0 */
/* Messages, exit codes and allocation for pidns(1). */
#ifndef PIDNS_UTIL_H
#define PIDNS_UTIL_H

#include <stddef.h>
#include <sys/types.h>

#define EXIT_USAGE 2	/* 0: success, 1: failure */

/* "pidns: <command>: <message>" on stderr. */
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
extern const char *command_name;

void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

/* A whole decimal number in @min..@max; 0, or -1. */
int parse_int(const char *s, long min, long max, long *out);

/* The command line of @pid, or its comm, in @buf; "" if gone. */
void task_command(pid_t pid, char *buf, size_t size);

/*
 * The NSpid line of @pid in /proc: up to @max numbers, outermost (the
 * proc's namespace) first.  Returns how many, or -1.
 */
int read_nspid(pid_t pid, int *nr, int max);

#endif
