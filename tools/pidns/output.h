/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tables for pidns(1): columns chosen with -o, aligned text (a tree drawn
 * in the first column when asked), -r raw, -n no headings, -J JSON.
 * String cells are escaped on output (escape.h): they may come from
 * processes.
 */
#ifndef PIDNS_OUTPUT_H
#define PIDNS_OUTPUT_H

#include <stdbool.h>

#define TABLE_MAX_COLS 16

struct column {
	const char *name;	/* upper case; lower case as a JSON key */
	const char *help;
	bool number;		/* right-aligned; a JSON number */
};

struct table {
	const struct column *cols;
	int ncols;
	int sel[TABLE_MAX_COLS], nsel;	/* selected columns, in output order */
	bool json, raw, noheadings, tree;
	const char *json_name;	/* the JSON array's name */
	struct row *rows;
	int nrows, maxrows;
};

struct row {
	char *cell[TABLE_MAX_COLS];	/* by column index; NULL prints "" (JSON null) */
	int depth;			/* for tree output */
};

/* Select the columns of a comma-separated @list; 0, or -1 after a message. */
int table_select(struct table *t, const char *list);
/* Whether column @col was selected. */
bool table_selected(const struct table *t, int col);
struct row *table_add(struct table *t, int depth);
void row_set(struct row *r, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void table_print(struct table *t);
void table_free(struct table *t);
void table_help_columns(const struct column *cols, int ncols);

#endif
