// SPDX-License-Identifier: GPL-2.0
/* Tables for pidns(1); see output.h. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "output.h"
#include "util.h"

int table_select(struct table *t, const char *list)
{
	char *copy = xstrdup(list), *name, *save = NULL;

	t->nsel = 0;
	for (name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		int i;

		for (i = 0; i < t->ncols && strcasecmp(name, t->cols[i].name); i++)
			;
		if (i == t->ncols) {
			warnx("-o: unknown column '%s' (see --help)", name);
			free(copy);
			return -1;
		}
		if (t->nsel == TABLE_MAX_COLS) {
			warnx("-o: more than %d columns", TABLE_MAX_COLS);
			free(copy);
			return -1;
		}
		t->sel[t->nsel++] = i;
	}
	free(copy);
	if (!t->nsel) {
		warnx("-o: no column given");
		return -1;
	}
	return 0;
}

bool table_selected(const struct table *t, int col)
{
	for (int c = 0; c < t->nsel; c++)
		if (t->sel[c] == col)
			return true;
	return false;
}

struct row *table_add(struct table *t, int depth)
{
	struct row *r;

	if (t->nrows == t->maxrows) {
		t->maxrows = t->maxrows ? 2 * t->maxrows : 64;
		t->rows = xrealloc(t->rows, t->maxrows * sizeof(*t->rows));
	}
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof(*r));
	r->depth = depth;
	return r;
}

void row_set(struct row *r, int col, const char *fmt, ...)
{
	va_list ap;

	free(r->cell[col]);
	va_start(ap, fmt);
	if (vasprintf(&r->cell[col], fmt, ap) < 0)
		fatal("out of memory");
	va_end(ap);
}

static void print_json_rows(const struct table *t, int *i, int depth, int indent)
{
	bool first = true;

	while (*i < t->nrows && t->rows[*i].depth == depth) {
		const struct row *r = &t->rows[*i];
		int c;

		printf("%s\n%*s{", first ? "" : ",", indent, "");
		first = false;
		for (c = 0; c < t->nsel; c++) {
			const struct column *col = &t->cols[t->sel[c]];
			const char *v = r->cell[t->sel[c]];

			printf("%s\n%*s\"", c ? "," : "", indent + 3, "");
			for (const char *k = col->name; *k; k++)
				putchar(tolower((unsigned char)*k));
			printf("\": ");
			if (!v)
				printf("null");
			else if (col->number)
				printf("%s", v);
			else
				escape_json(stdout, v);
		}
		(*i)++;
		if (t->tree && *i < t->nrows && t->rows[*i].depth > depth) {
			printf(",\n%*s\"children\": [", indent + 3, "");
			print_json_rows(t, i, depth + 1, indent + 6);
			printf("\n%*s]", indent + 3, "");
		}
		printf("\n%*s}", indent, "");
	}
}

static void print_json(const struct table *t)
{
	int i = 0;

	printf("{\n   \"%s\": [", t->json_name);
	while (i < t->nrows) {
		int before = i;

		print_json_rows(t, &i, t->tree ? t->rows[i].depth : 0, 6);
		if (i == before)	/* a row deeper than its predecessor allows */
			i++;
		if (i < t->nrows)
			putchar(',');
	}
	printf("\n   ]\n}\n");
}

/*
 * The tree drawing before each row's first cell: for each level above it a
 * bar or blanks, depending on whether that ancestor has siblings still to
 * come.  One backward pass finds, for every row, whether a sibling follows
 * it; one forward pass draws.
 */
static char **tree_prefixes(const struct table *t)
{
	char **prefix = xcalloc(t->nrows ? t->nrows : 1, sizeof(*prefix));
	bool *more = xcalloc(t->nrows ? t->nrows : 1, sizeof(*more));
	int maxdepth = 0, *last, i, d;
	bool *pending;

	for (i = 0; i < t->nrows; i++)
		if (t->rows[i].depth > maxdepth)
			maxdepth = t->rows[i].depth;
	pending = xcalloc(maxdepth + 2, sizeof(*pending));
	last = xcalloc(maxdepth + 2, sizeof(*last));
	/* pending[d]: a row of depth d comes later, before any shallower one. */
	for (i = t->nrows - 1; i >= 0; i--) {
		int depth = t->rows[i].depth;

		more[i] = pending[depth];
		pending[depth] = true;
		for (d = depth + 1; d <= maxdepth; d++)
			pending[d] = false;
	}
	/* last[d]: the latest row of depth d, the ancestor at d of those after it. */
	for (i = 0; i < t->nrows; i++) {
		int depth = t->rows[i].depth;
		char *p = prefix[i] = xcalloc(2 * depth + 1, 1);

		last[depth] = i;
		for (d = 1; d <= depth; d++, p += 2)
			memcpy(p, d < depth ? (more[last[d]] ? "| " : "  ")
					    : (more[i] ? "|-" : "`-"), 2);
	}
	free(pending);
	free(last);
	free(more);
	return prefix;
}

/* The text of every cell as printed: escaped, with the tree drawn. */
static char **display_cells(const struct table *t)
{
	char **shown = xcalloc((size_t)(t->nrows ? t->nrows : 1) * t->nsel, sizeof(*shown));
	char **prefix = t->tree && !t->raw ? tree_prefixes(t) : NULL;

	for (int i = 0; i < t->nrows; i++) {
		for (int c = 0; c < t->nsel; c++) {
			const char *v = t->rows[i].cell[t->sel[c]];
			char *s = escape_cell(v ? v : "", t->raw);

			if (c == 0 && prefix) {
				char *joined;

				if (asprintf(&joined, "%s%s", prefix[i], s) < 0)
					fatal("out of memory");
				free(s);
				s = joined;
			}
			shown[i * t->nsel + c] = s;
		}
		if (prefix)
			free(prefix[i]);
	}
	free(prefix);
	return shown;
}

void table_print(struct table *t)
{
	int width[TABLE_MAX_COLS] = { 0 }, c, i;
	char **shown;

	if (t->json) {
		print_json(t);
		return;
	}
	shown = display_cells(t);
	if (!t->raw) {
		for (c = 0; c < t->nsel; c++)
			width[c] = t->noheadings ? 0 : strlen(t->cols[t->sel[c]].name);
		for (i = 0; i < t->nrows; i++)
			for (c = 0; c < t->nsel; c++) {
				int w = strlen(shown[i * t->nsel + c]);

				if (w > width[c])
					width[c] = w;
			}
	}
	if (!t->noheadings) {
		for (c = 0; c < t->nsel; c++) {
			const struct column *col = &t->cols[t->sel[c]];
			bool last = c == t->nsel - 1;

			if (t->raw)
				printf("%s%s", c ? " " : "", col->name);
			else if (col->number)
				printf("%s%*s", c ? " " : "", width[c], col->name);
			else
				printf("%s%-*s", c ? " " : "", last ? 0 : width[c], col->name);
		}
		putchar('\n');
	}
	for (i = 0; i < t->nrows; i++) {
		for (c = 0; c < t->nsel; c++) {
			const struct column *col = &t->cols[t->sel[c]];
			const char *v = shown[i * t->nsel + c];
			bool last = c == t->nsel - 1;

			if (t->raw)
				printf("%s%s", c ? " " : "", v);
			else if (col->number && !(c == 0 && t->tree))
				printf("%s%*s", c ? " " : "", width[c], v);
			else
				printf("%s%-*s", c ? " " : "", last ? 0 : width[c], v);
		}
		putchar('\n');
	}
	for (i = 0; i < t->nrows * t->nsel; i++)
		free(shown[i]);
	free(shown);
}

void table_free(struct table *t)
{
	int i, c;

	for (i = 0; i < t->nrows; i++)
		for (c = 0; c < TABLE_MAX_COLS; c++)
			free(t->rows[i].cell[c]);
	free(t->rows);
	t->rows = NULL;
	t->nrows = t->maxrows = 0;
}

void table_help_columns(const struct column *cols, int ncols)
{
	int i;

	for (i = 0; i < ncols; i++)
		printf("  %-8s %s\n", cols[i].name, cols[i].help);
}
