/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Namespace inode number -> index, in constant time: a scan meets every
 * task's namespace, and a linear search per task made it O(tasks x
 * namespaces).  Open addressing; nsfs inode numbers are unique across
 * namespace types.
 */
#ifndef PIDNS_INOMAP_H
#define PIDNS_INOMAP_H

#include <sys/types.h>

struct inomap {
	struct inomap_slot { ino_t ino; int index; } *slot;
	unsigned int size, used;	/* size: a power of two, or 0 */
};

/* The index stored for @ino, or -1. */
int inomap_get(const struct inomap *map, ino_t ino);
/* Store @index for @ino (not yet present). */
void inomap_put(struct inomap *map, ino_t ino, int index);
void inomap_free(struct inomap *map);

#endif
