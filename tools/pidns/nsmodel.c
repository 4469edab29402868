// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nsmodel.h"
#include "nsref.h"
#include "util.h"

#ifndef NS_GET_PID_FROM_PIDNS
#define NS_GET_PID_FROM_PIDNS _IOR(NSIO, 0x6, int)
#endif

int nsmodel_find(const struct nsmodel *m, ino_t ino)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (m->ns[i].ino == ino)
			return i;
	return -1;
}

static int nsmodel_add(struct nsmodel *m, ino_t ino)
{
	int i = nsmodel_find(m, ino);

	if (i >= 0)
		return i;
	if (m->n == m->max) {
		m->max = m->max ? 2 * m->max : 64;
		m->ns = xrealloc(m->ns, m->max * sizeof(*m->ns));
	}
	memset(&m->ns[m->n], 0, sizeof(m->ns[0]));
	m->ns[m->n].ino = ino;
	m->ns[m->n].parent = -1;
	return m->n++;
}

int nsmodel_within(const struct nsmodel *m, int i, int top)
{
	for (; i >= 0; i = m->ns[i].parent)
		if (i == top)
			return 1;
	return 0;
}

static int is_pid(const char *name)
{
	return name[0] >= '1' && name[0] <= '9';
}

/* Count every task visible in /proc under its pid namespace. */
static void scan_tasks(struct nsmodel *m)
{
	DIR *dir = opendir("/proc");
	struct dirent *d;

	if (!dir)
		fatal("/proc: %s", strerror(errno));
	while ((d = readdir(dir))) {
		ino_t ino;

		if (!is_pid(d->d_name))
			continue;
		ino = pidns_ino_of(atoi(d->d_name));
		if (ino)
			m->ns[nsmodel_add(m, ino)].nprocs++;
	}
	closedir(dir);
}

/* The structure from the file; namespaces it does not list are dropped. */
static int load_from_file(struct nsmodel *m)
{
	FILE *f = fopen("/proc/pidns_hierarchy", "re");
	int init, parent_init, level, i, j, keep;
	char line[256];

	if (!f)
		return -1;
	m->ns[0].listed = true;
	/* The seed's three columns; later ones (7.3: the ns id) are ignored. */
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%d %d %d", &init, &parent_init, &level) != 3)
			break;
		ino_t ino = pidns_ino_of(init);
		ino_t pino = level == 1 ? m->ns[0].ino : pidns_ino_of(parent_init);

		if (!ino || !pino)
			continue;	/* gone since the read */
		i = nsmodel_add(m, ino);
		m->ns[i].parent = nsmodel_add(m, pino);
		m->ns[i].init = init;
		m->ns[i].level = level;
		m->ns[i].listed = true;
	}
	fclose(f);
	/* Keep the caller's namespace and the listed ones, in order. */
	for (i = keep = 0; i < m->n; i++) {
		if (!m->ns[i].listed)
			continue;
		for (j = 0; j < m->n; j++)
			if (m->ns[j].parent == i)
				m->ns[j].parent = keep;
		m->ns[keep++] = m->ns[i];
	}
	m->n = keep;
	m->source = "/proc/pidns_hierarchy";
	return 0;
}

/* The init of the namespace of @fd in our numbering: the 6.11 ioctl, or NSpid. */
static pid_t find_init(const struct nsmodel *m, int idx, int fd)
{
	DIR *dir;
	struct dirent *d;
	pid_t init = ioctl(fd, NS_GET_PID_FROM_PIDNS, 1);

	if (init > 0)
		return init;
	dir = opendir("/proc");
	init = 0;
	while (dir && !init && (d = readdir(dir))) {
		int nr[40], n;
		pid_t pid;

		if (!is_pid(d->d_name))
			continue;
		pid = atoi(d->d_name);
		if (pidns_ino_of(pid) != m->ns[idx].ino)
			continue;
		n = read_nspid(pid, nr, 40);
		if (n > 0 && nr[n - 1] == 1)
			init = pid;
	}
	if (dir)
		closedir(dir);
	return init;
}

static void load_by_scan(struct nsmodel *m)
{
	int i;

	m->ns[0].init = 1;
	for (i = 1; i < m->n; i++) {
		char path[300];
		DIR *dir = opendir("/proc");
		struct dirent *d;
		int fd = -1, parent;
		struct stat st;

		/* A task of namespace i, for its ns file. */
		while (dir && fd < 0 && (d = readdir(dir))) {
			if (!is_pid(d->d_name) || pidns_ino_of(atoi(d->d_name)) != m->ns[i].ino)
				continue;
			snprintf(path, sizeof(path), "/proc/%s/ns/pid", d->d_name);
			fd = open(path, O_RDONLY | O_CLOEXEC);
		}
		if (dir)
			closedir(dir);
		if (fd < 0)
			continue;
		m->ns[i].init = find_init(m, i, fd);
		parent = nsref_parent_fd(fd);
		if (parent >= 0 && !fstat(parent, &st))
			m->ns[i].parent = nsmodel_add(m, st.st_ino);
		if (parent >= 0)
			close(parent);
		close(fd);
	}
	for (i = 1; i < m->n; i++) {
		int j, level = 0;

		for (j = i; j > 0 && m->ns[j].parent >= 0; j = m->ns[j].parent)
			level++;
		m->ns[i].level = j == 0 ? level : -1;
	}
	m->source = "scan";
}

void nsmodel_load(struct nsmodel *m)
{
	struct nsref self;
	int i;

	memset(m, 0, sizeof(*m));
	nsref_self(&self);
	nsmodel_add(m, self.ino);
	m->ns[0].init = 1;
	nsref_close(&self);
	scan_tasks(m);
	if (load_from_file(m))
		load_by_scan(m);

	/* Children lists, by ascending init: insert in order. */
	for (i = 0; i < m->n; i++)
		m->ns[i].first_child = m->ns[i].next_sibling = -1;
	for (i = 1; i < m->n; i++) {
		int *link;

		if (m->ns[i].parent < 0 || m->ns[i].level < 0)
			continue;
		link = &m->ns[m->ns[i].parent].first_child;
		while (*link >= 0 && m->ns[*link].init < m->ns[i].init)
			link = &m->ns[*link].next_sibling;
		m->ns[i].next_sibling = *link;
		*link = i;
	}
}

void nsmodel_free(struct nsmodel *m)
{
	free(m->ns);
	memset(m, 0, sizeof(*m));
}
