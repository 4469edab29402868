// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "vector.h"

int vector_parse(const char *s, bool innermost_first, int *v, int max)
{
	const char *seps = innermost_first ? ":," : ",";
	char *copy, *p, *save = NULL;
	int n = 0, i;
	long x;

	if (!innermost_first && strchr(s, ':'))
		usage_error("'%s': vectors are written outermost first, as NSpid: and ps show them, with '%c' between the numbers (for the old innermost-first V0:V1:... add --innermost-first)",
			    s, VECTOR_SEP);
	if (!*s || strchr(seps, s[0]) || strchr(seps, s[strlen(s) - 1]))
		usage_error("'%s': expected OUTER%c...%cINNER (innermost last, as in NSpid:)",
			    s, VECTOR_SEP, VECTOR_SEP);
	copy = xstrdup(s);
	for (p = copy; *p; p++)
		if (strchr(seps, p[0]) && strchr(seps, p[1]))
			usage_error("'%s': an empty level", s);
	for (p = strtok_r(copy, seps, &save); p; p = strtok_r(NULL, seps, &save)) {
		if (n == max)
			usage_error("'%s': more than %d levels", s, max);
		if (parse_int(p, 0, PID_NUMBER_MAX, &x))
			usage_error("'%s': '%s' is not a pid", s, p);
		if (x > PID_MAX_LIMIT)
			fatal("'%s': %ld is above the pid_max any level can have (%d): nothing was changed",
			      s, x, PID_MAX_LIMIT);
		v[n++] = x;
	}
	free(copy);
	if (!innermost_first) {
		/* The kernel's order: the namespace's own level first. */
		for (i = 0; i < n / 2; i++) {
			int t = v[i];

			v[i] = v[n - 1 - i];
			v[n - 1 - i] = t;
		}
	}
	return n;
}

void vector_format(char *buf, size_t size, const int *nr, int n)
{
	static const char sep[] = { VECTOR_SEP, '\0' };
	size_t len = 0;

	buf[0] = '\0';
	for (int k = 0; k < n && len < size; k++)
		len += snprintf(buf + len, size - len, "%s%d", k ? sep : "", nr[k]);
}
