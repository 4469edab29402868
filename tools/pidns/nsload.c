// SPDX-License-Identifier: GPL-2.0
/* Filling the model from the best source, and the pass over the tasks. */
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

#include "nsload.h"
#include "nslist.h"
#include "nsref.h"
#include "proc.h"
#include "util.h"

struct pass {
	struct nsmodel *m;
	task_visit_fn fn;
	void *arg;
	bool stopped;
};

/*
 * Without NS_GET_PID_FROM_PIDNS (before 6.11) the init of a namespace is
 * the task of it whose NSpid line ends in 1.
 */
static void seek_init(struct nsmodel *m, int i, pid_t pid)
{
	int nr[40], n = read_nspid_of(pid, nr, 40);

	if (n > 0 && nr[n - 1] == 1) {
		m->ns[i].init = pid;
		m->ns[i].init_known = true;
	}
}

static bool visit(void *arg, pid_t pid)
{
	struct pass *p = arg;
	struct nsmodel *m = p->m;
	char task[16];
	ino_t ino;
	int i;

	snprintf(task, sizeof(task), "%d", pid);
	ino = proc_ns_ino(task, "pid");
	if (!ino)
		return true;	/* exited */
	i = nsmodel_find(m, ino);
	if (i < 0) {
		/* First met: where it sits, its init, its id, from one fd. */
		int fd = proc_ns_open(task, "pid");

		if (fd < 0)
			return true;
		i = nsmodel_add_fd(m, fd);
		close(fd);
		if (i < 0)
			return true;
	}
	m->ns[i].nprocs++;
	if (!m->ns[i].init_known && m->ns[i].level > 0)
		seek_init(m, i, pid);
	if (p->fn && !p->fn(p->arg, m, pid, i)) {
		p->stopped = true;
		return false;
	}
	return true;
}

struct listing {
	struct nsmodel *m;
	bool ours;		/* the list named our own namespace */
};

static void add_listed(void *arg, int fd)
{
	struct listing *l = arg;

	l->ours |= nsmodel_add_fd(l->m, fd) == 0;
}

/*
 * The kernel's lists (nslist.h).  One that does not name our own
 * namespace lists something else (another proc's, or only what our user
 * namespace owns): not used.
 */
static int source_list(struct nsmodel *m, int (*each)(int types, nslist_fn fn, void *arg))
{
	struct listing l = { .m = m };

	if (each(CLONE_NEWPID, add_listed, &l))
		return -1;
	if (!l.ours)
		verbose("the list does not name our own pid namespace: not used");
	return l.ours ? 0 : -1;
}

static int source_nsdir(struct nsmodel *m)
{
	return source_list(m, nsdir_each);
}

static int source_listns(struct nsmodel *m)
{
	return source_list(m, listns_each);
}

static bool inits_unknown(const struct nsmodel *m)
{
	for (int i = 0; i < m->n; i++)
		if (!m->ns[i].init_known && m->ns[i].level > 0)
			return true;
	return false;
}

/* Ids for namespaces a source named by init only (the three-column file). */
static void fill_ids(struct nsmodel *m)
{
	for (int i = 0; i < m->n; i++) {
		char task[16];
		int fd;

		if (m->ns[i].id || m->ns[i].init <= 0)
			continue;
		snprintf(task, sizeof(task), "%d", m->ns[i].init);
		fd = proc_ns_open(task, "pid");
		if (fd < 0)
			continue;
		m->ns[i].id = nsref_id(fd);
		close(fd);
	}
}

bool nsmodel_scan(struct nsmodel *m, task_visit_fn fn, void *arg)
{
	struct pass pass = { .m = m, .fn = fn, .arg = arg };

	proc_for_each_pid(visit, &pass);
	return !pass.stopped;
}

void nsmodel_load(struct nsmodel *m, unsigned int flags, task_visit_fn fn, void *arg)
{
	static const struct {
		const char *name, *what;
		int (*load)(struct nsmodel *m);
	} sources[] = {
		{ "hierarchy",	"/proc/pidns_hierarchy",	source_hierarchy },
		{ "nsdir",	"/proc/namespaces",		source_nsdir },
		{ "listns",	"listns(2)",			source_listns },
	};
	bool listed = false;
	int s;

	nsmodel_init(m);
	for (s = 0; s < ARRAY_SIZE(sources) && !listed; s++) {
		if (!source_allowed(sources[s].name))
			continue;
		listed = !sources[s].load(m);
		if (listed) {
			m->source = sources[s].what;
		} else {
			/* Nothing half-read stays. */
			nsmodel_free(m);
			nsmodel_init(m);
		}
	}
	if (!listed)
		m->source = "the /proc scan";
	if (!listed || fn || (flags & LOAD_COUNT) || inits_unknown(m)) {
		bool whole = nsmodel_scan(m, fn, arg);

		/* Every task seen, and none the init: it has exited. */
		for (int i = 0; i < m->n && whole; i++)
			m->ns[i].init_known = true;
	}
	if (flags & LOAD_IDS)
		fill_ids(m);
	nsmodel_link(m);
	verbose("source: %s; %ld tasks, %d namespaces; %ld ns links read, %ld namespaces opened, %ld status files read",
		m->source, counts.tasks, m->n, counts.ns_links, counts.ns_opened, counts.status_reads);
}
