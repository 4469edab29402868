/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Strings that come from processes (command lines) are the container's to
 * choose: printed as they are, a newline forges a row and an escape
 * sequence drives the administrator's terminal.  They are escaped as
 * lsns(8) escapes them:
 *
 * table  bytes that are not printable characters of the locale's charset,
 *        and a backslash followed by 'x', as \xHH;
 * raw    (-r) also spaces, every backslash and every non-ASCII byte, so
 *        that a cell is one word;
 * JSON   a valid JSON string: control characters as JSON escapes, bytes
 *        that are not UTF-8 as the text \xHH (and a backslash before an
 *        'x' as \x5c, so that \xHH is unambiguous).
 *
 * In every mode the bidirectional controls (U+202A..U+202E,
 * U+2066..U+2069), which would reorder what the terminal shows, are
 * escaped too.
 */
#ifndef PIDNS_ESCAPE_H
#define PIDNS_ESCAPE_H

#include <stdbool.h>
#include <stdio.h>

/* Learn the locale's charset (UTF-8 or not); before any escape_*(). */
void escape_init(void);

/* @s for a table cell (@raw: for -r); a new string. */
char *escape_cell(const char *s, bool raw);

/* @s as a JSON string, quotes included, on @out. */
void escape_json(FILE *out, const char *s);

#endif
