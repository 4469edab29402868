// SPDX-License-Identifier: GPL-2.0
/* Filling the model from the best source, and the pass over the tasks. */
#include <linux/capability.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
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

/* One task, whose pid namespace is @ino (0: it has exited). */
static bool visit_ino(struct pass *p, pid_t pid, ino_t ino)
{
	struct nsmodel *m = p->m;
	char task[16];
	int i;

	if (!ino)
		return true;	/* exited */
	snprintf(task, sizeof(task), "%d", pid);
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

static bool visit(void *arg, pid_t pid)
{
	char task[16];

	snprintf(task, sizeof(task), "%d", pid);
	return visit_ino(arg, pid, proc_ns_ino(task, "pid"));
}

/*
 * The pass without a per-task callback (tree, ls: the counts only) spends
 * its time in one readlink of /proc/PID/ns/pid per task, which is the
 * kernel's work and independent from task to task: it is spread over the
 * online CPUs, then the model is filled in /proc's order, as the
 * sequential pass would.
 */
struct pid_list {
	pid_t *pid;
	ino_t *ino;
	long n, cap;
	int threads;
};

struct ino_worker {
	struct pid_list *l;
	int index;
	long links;
};

static bool collect(void *arg, pid_t pid)
{
	struct pid_list *l = arg;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4096;
		l->pid = xrealloc(l->pid, l->cap * sizeof(*l->pid));
	}
	l->pid[l->n++] = pid;
	return true;
}

static void *read_inos(void *arg)
{
	struct ino_worker *w = arg;
	struct pid_list *l = w->l;

	for (long k = w->index; k < l->n; k += l->threads) {
		char task[16];

		snprintf(task, sizeof(task), "%d", l->pid[k]);
		l->ino[k] = proc_ns_ino_uncounted(task, "pid");
		w->links += l->ino[k] != 0;
	}
	return NULL;
}

#define MAX_SCAN_THREADS 8

static bool scan_parallel(struct pass *p, int threads)
{
	struct ino_worker w[MAX_SCAN_THREADS] = { 0 };
	pthread_t tid[MAX_SCAN_THREADS];
	struct pid_list l = { .threads = threads };
	bool whole = true;
	int t, started;

	proc_for_each_pid(collect, &l);
	l.ino = xcalloc(l.n ? l.n : 1, sizeof(*l.ino));
	for (started = 0; started < threads; started++) {
		w[started] = (struct ino_worker){ .l = &l, .index = started };
		if (started && pthread_create(&tid[started], NULL, read_inos, &w[started]))
			break;
	}
	/* Thread 0 is us; a thread that could not start leaves its share to us. */
	read_inos(&w[0]);
	for (t = 1; t < started; t++)
		pthread_join(tid[t], NULL);
	for (t = started; t < threads; t++) {
		w[t] = (struct ino_worker){ .l = &l, .index = t };
		read_inos(&w[t]);
	}
	for (t = 0; t < threads; t++)
		counts.ns_links += w[t].links;
	for (long k = 0; k < l.n && whole; k++)
		whole = visit_ino(p, l.pid[k], l.ino[k]);
	free(l.pid);
	free(l.ino);
	return whole;
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

/*
 * listns(2) and /proc/namespaces list everything only to a caller that
 * may see all namespaces (CAP_SYS_ADMIN in the initial user namespace);
 * anyone else gets its own, and the /proc scan adds what they left out.
 */
static bool may_see_all_namespaces(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2] = { 0 };
	unsigned long inside, outside, count;
	bool initial = false;
	FILE *f;

	f = fopen("/proc/self/uid_map", "re");
	if (f) {
		initial = fscanf(f, "%lu %lu %lu", &inside, &outside, &count) == 3 &&
			  inside == 0 && outside == 0 && count == 4294967295UL;
		fclose(f);
	}
	if (!initial || syscall(SYS_capget, &hdr, data))
		return false;
	return data[CAP_SYS_ADMIN / 32].effective & (1U << (CAP_SYS_ADMIN % 32));
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
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	if (!fn && cpus > 1)
		return scan_parallel(&pass, cpus < MAX_SCAN_THREADS ? cpus : MAX_SCAN_THREADS);
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
	bool listed = false, partial = false;
	int s;

	nsmodel_init(m);
	for (s = 0; s < ARRAY_SIZE(sources) && !listed; s++) {
		if (!source_allowed(sources[s].name))
			continue;
		listed = !sources[s].load(m);
		if (listed) {
			m->source = sources[s].what;
			partial = s > 0 && !may_see_all_namespaces();
		} else {
			/* Nothing half-read stays. */
			nsmodel_free(m);
			nsmodel_init(m);
		}
	}
	if (!listed)
		m->source = "the /proc scan";
	if (partial)
		verbose("%s lists only what we may see: the /proc scan completes it", m->source);
	if (!listed || partial || fn || (flags & LOAD_COUNT) || inits_unknown(m)) {
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
