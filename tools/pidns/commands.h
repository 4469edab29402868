/* SPDX-License-Identifier: GPL-2.0 */
/* The subcommands of pidns(1): each returns the exit code. */
#ifndef PIDNS_COMMANDS_H
#define PIDNS_COMMANDS_H

#include <stdbool.h>

#include "output.h"

/* -J, -o, -n, -r, shared by the commands that print tables. */
struct table_opts {
	bool json, raw, noheadings;
	const char *columns;
};

int cmd_tree(const struct table_opts *o, const char *ns);
int cmd_ps(const struct table_opts *o, const char *ns);
int cmd_ls(const struct table_opts *o, const char *type);
int cmd_translate(const char *pid, const char *from, const char *to, bool all);
int cmd_set_last(const char *ns, const char *vector, bool innermost_first, bool exact);
int cmd_spawn(const char *vector, bool innermost_first, const char *ns, char **argv);

/* Apply @o to @t: columns (default @defaults), formats.  0, or -1. */
int table_setup(struct table *t, const struct table_opts *o, const char *defaults);

/* The columns of each command, for --help. */
void tree_help_columns(void);
void ls_help_columns(void);

#endif
