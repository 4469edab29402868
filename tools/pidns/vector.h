/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one notation of pid vectors in pidns(1), in and out: the order of
 * the NSpid: line (outermost namespace first, so the caller's level when
 * it is complete), numbers separated by VECTOR_SEP.  What ps prints
 * pastes into spawn --pids and set-last.  A vector given to a namespace
 * may be shorter than its chain: it names the innermost levels, its last
 * number being the namespace's own.
 *
 * The kernel's structures (clone3's set_tid, struct ns_last_pid_vec) are
 * innermost first: vector_parse() returns that order.
 */
#ifndef PIDNS_VECTOR_H
#define PIDNS_VECTOR_H

#include <stdbool.h>
#include <stddef.h>

#define VECTOR_SEP ','

/*
 * Parse @s into @v, innermost first; the count.  @innermost_first: @s is
 * in the seed's old order, V0:V1:... (':' or ',' apart).  Exits 2 on a
 * malformed vector, and on "A:B" without @innermost_first, whose meaning
 * changed.
 */
int vector_parse(const char *s, bool innermost_first, int *v, int max);

/* @nr[0..n), outermost first as read from NSpid:, in the notation. */
void vector_format(char *buf, size_t size, const int *nr, int n);

#endif
