// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nsfs_compat.h"
#include "nsmodel.h"
#include "nsref.h"
#include "util.h"

void nsmodel_init(struct nsmodel *m)
{
	struct nsref self;
	int i;

	memset(m, 0, sizeof(*m));
	nsref_self(&self);
	i = nsmodel_add(m, self.ino);
	m->ns[i].level = 0;
	m->ns[i].init = 1;
	m->ns[i].init_known = true;
	m->ns[i].id = nsref_id(self.fd);
	nsref_close(&self);
}

int nsmodel_find(const struct nsmodel *m, ino_t ino)
{
	return inomap_get(&m->index, ino);
}

int nsmodel_add(struct nsmodel *m, ino_t ino)
{
	int i = nsmodel_find(m, ino);

	if (i >= 0)
		return i;
	if (m->n == m->max) {
		m->max = m->max ? 2 * m->max : 64;
		m->ns = xrealloc(m->ns, m->max * sizeof(*m->ns));
	}
	i = m->n++;
	m->ns[i] = (struct pidns){ .ino = ino, .parent = -1, .level = -1,
				   .first_child = -1, .next_sibling = -1 };
	inomap_put(&m->index, ino, i);
	return i;
}

int nsmodel_add_fd(struct nsmodel *m, int fd)
{
	int i, parent = -1, parent_fd;
	struct stat st;
	pid_t init;

	if (fstat(fd, &st))
		return -1;
	i = nsmodel_find(m, st.st_ino);
	if (i >= 0)
		return i;
	counts.ns_opened++;
	/* EPERM at the caller's namespace, or above a namespace outside it. */
	parent_fd = nsref_parent_fd(fd);
	if (parent_fd >= 0) {
		parent = nsmodel_add_fd(m, parent_fd);
		close(parent_fd);
	}
	init = nsref_init(fd);
	/* Only now: the parents' additions may have moved m->ns. */
	i = nsmodel_add(m, st.st_ino);
	m->ns[i].parent = parent;
	if (parent >= 0 && m->ns[parent].level >= 0)
		m->ns[i].level = m->ns[parent].level + 1;
	m->ns[i].id = nsref_id(fd);
	if (init >= 0) {
		m->ns[i].init = init;
		m->ns[i].init_known = true;
	}
	return i;
}

bool nsmodel_within(const struct nsmodel *m, int i, int top)
{
	for (; i >= 0; i = m->ns[i].parent)
		if (i == top)
			return true;
	return false;
}

static int by_init(const void *a, const void *b, void *arg)
{
	const struct pidns *ns = arg;
	pid_t x = ns[*(const int *)a].init, y = ns[*(const int *)b].init;

	return (x > y) - (x < y);
}

void nsmodel_link(struct nsmodel *m)
{
	int *order = xcalloc(m->n, sizeof(*order)), n = 0, i, k;
	int *last_child = xcalloc(m->n, sizeof(*last_child));

	for (i = 0; i < m->n; i++) {
		m->ns[i].first_child = m->ns[i].next_sibling = -1;
		last_child[i] = -1;
		if (i > 0 && m->ns[i].level > 0 && m->ns[i].init > 0)
			order[n++] = i;
	}
	/* Sorted once, appended in order: no list walk per insertion. */
	qsort_r(order, n, sizeof(*order), by_init, m->ns);
	for (k = 0; k < n; k++) {
		int p = m->ns[order[k]].parent;

		if (last_child[p] < 0)
			m->ns[p].first_child = order[k];
		else
			m->ns[last_child[p]].next_sibling = order[k];
		last_child[p] = order[k];
	}
	free(order);
	free(last_child);
}

void nsmodel_free(struct nsmodel *m)
{
	free(m->ns);
	inomap_free(&m->index);
	memset(m, 0, sizeof(*m));
}
