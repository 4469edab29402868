// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "inomap.h"
#include "util.h"

static unsigned int slot_of(const struct inomap *map, ino_t ino)
{
	/* Inode numbers are sequential: a multiplicative hash spreads them. */
	return (unsigned int)((ino * 0x9e3779b97f4a7c15ULL) >> 32) & (map->size - 1);
}

int inomap_get(const struct inomap *map, ino_t ino)
{
	unsigned int i;

	if (!map->size)
		return -1;
	for (i = slot_of(map, ino); map->slot[i].index >= 0; i = (i + 1) & (map->size - 1))
		if (map->slot[i].ino == ino)
			return map->slot[i].index;
	return -1;
}

static void put(struct inomap *map, ino_t ino, int index)
{
	unsigned int i = slot_of(map, ino);

	while (map->slot[i].index >= 0)
		i = (i + 1) & (map->size - 1);
	map->slot[i].ino = ino;
	map->slot[i].index = index;
	map->used++;
}

void inomap_put(struct inomap *map, ino_t ino, int index)
{
	/* At most half full, so that probes stay short and always end. */
	if (2 * (map->used + 1) > map->size) {
		struct inomap bigger = { .size = map->size ? 2 * map->size : 64 };
		unsigned int i;

		bigger.slot = xrealloc(NULL, bigger.size * sizeof(*bigger.slot));
		for (i = 0; i < bigger.size; i++)
			bigger.slot[i].index = -1;
		for (i = 0; i < map->size; i++)
			if (map->slot[i].index >= 0)
				put(&bigger, map->slot[i].ino, map->slot[i].index);
		free(map->slot);
		*map = bigger;
	}
	put(map, ino, index);
}

void inomap_free(struct inomap *map)
{
	free(map->slot);
	map->slot = NULL;
	map->size = map->used = 0;
}
