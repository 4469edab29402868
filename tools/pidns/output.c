// SPDX-License-Identifier: GPL-2.0
/* Tables for pidns(1); see output.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		if (i == t->ncols || t->nsel == (int)(sizeof(t->sel) / sizeof(t->sel[0]))) {
			warnx("-o: unknown column '%s' (see --help)", name);
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

/*
 * The tree prefix of row @i: for each level above it a bar or blanks,
 * depending on whether that ancestor has siblings still to come.
 */
static void tree_prefix(const struct table *t, int i, char *buf, size_t size)
{
	int depth = t->rows[i].depth, d, j;
	size_t len = 0;

	buf[0] = '\0';
	for (d = 1; d <= depth && len + 4 < size; d++) {
		bool more = false;

		/* Is there a later row at depth d before one shallower than d? */
		for (j = i + 1; j < t->nrows && t->rows[j].depth >= d; j++)
			if (t->rows[j].depth == d) {
				more = true;
				break;
			}
		if (d < depth)
			len += snprintf(buf + len, size - len, "%s", more ? "| " : "  ");
		else
			len += snprintf(buf + len, size - len, "%s", more ? "|-" : "`-");
	}
}

static const char *cell(const struct row *r, int col)
{
	return r->cell[col] ? r->cell[col] : "";
}

static void print_json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
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

			printf("%s\n%*s\"%s\": ", c ? "," : "", indent + 3, "", col->name);
			if (!v)
				printf("null");
			else if (col->number)
				printf("%s", v);
			else
				print_json_string(v);
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

void table_print(struct table *t)
{
	int width[16] = { 0 }, c, i;
	char prefix[256];

	if (t->json) {
		print_json(t);
		return;
	}
	if (!t->raw) {
		for (c = 0; c < t->nsel; c++)
			width[c] = t->noheadings ? 0 : strlen(t->cols[t->sel[c]].name);
		for (i = 0; i < t->nrows; i++)
			for (c = 0; c < t->nsel; c++) {
				int w = strlen(cell(&t->rows[i], t->sel[c]));

				if (c == 0 && t->tree) {
					tree_prefix(t, i, prefix, sizeof(prefix));
					w += strlen(prefix);
				}
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
			const char *v = cell(&t->rows[i], t->sel[c]);
			bool last = c == t->nsel - 1;
			char buf[512];

			if (c == 0 && t->tree && !t->raw) {
				tree_prefix(t, i, prefix, sizeof(prefix));
				snprintf(buf, sizeof(buf), "%s%s", prefix, v);
				v = buf;
			}
			if (t->raw)
				printf("%s%s", c ? " " : "", v);
			else if (col->number && !(c == 0 && t->tree))
				printf("%s%*s", c ? " " : "", width[c], v);
			else
				printf("%s%-*s", c ? " " : "", last ? 0 : width[c], v);
		}
		putchar('\n');
	}
}

void table_free(struct table *t)
{
	int i, c;

	for (i = 0; i < t->nrows; i++)
		for (c = 0; c < 16; c++)
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
