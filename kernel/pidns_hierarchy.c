// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/pidns_hierarchy, with the format, order and visibility rules of
 * the patch "proc: add /proc/pidns_hierarchy": one line per live pid
 * namespace below the proc mount's,
 *
 *	<init_PID> <parent_init_PID> <relative_level> [<ns_id>]
 *
 * numbered in the mount's namespace, depth first, siblings by ascending
 * init_PID, leaving out namespaces without a live init, namespaces that
 * take no new pids, namespaces of an init whose /proc/<pid>/ns/pid the
 * opener could not open through the mount, and everything below any of
 * them.  The fourth column, the namespace id as NS_GET_ID gives it, is the
 * series'; it is printed where the kernel has ids (7.3), and 6.1 and 6.12,
 * which have none, get the seed's three columns.
 *
 * The patch walks the kernel's tree of pid namespaces; a module can
 * neither reach it (kernel/nstree.c exports no walk) nor hook namespace
 * creation to keep one.  So, like the proposal's v8, each pass visits every
 * pid of the mount's namespace and keeps those that are pid 1 of a
 * namespace below it: a pass costs O(pids).  It holds RCU for at most
 * PIDNS_PIDS_PER_RCU pids at a time and reschedules in between, so that a
 * pass over 100,000 pids keeps the CPU available, and a fatal signal ends
 * it.  It holds memory for the namespaces it found, not for the pids.
 *
 * A pass is a snapshot taken when a read starts at offset 0, as the
 * patch's is; seq_file then prints it a line at a time, so a small or a
 * growing buffer never makes it walk again.  What a reader can make the
 * kernel keep is bounded and charged to its memory cgroup: during a pass,
 * an entry per namespace below the mount's; between reads, the pass's
 * lines (24 bytes each); once the last one is printed, nothing.
 */
#include <linux/bsearch.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/mm.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/proc_fs.h>
#include <linux/proc_ns.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "compat.h"
#include "pidns.h"

/* Pids looked at in one RCU read-side section. */
#define PIDNS_PIDS_PER_RCU 1024

struct pidns_entry {
	pid_t nr;		/* the init's pid in the mount's namespace */
	pid_t parent_nr;	/* the parent namespace's init's, 1 for the mount's */
	unsigned int level;	/* below the mount's namespace */
	int first_child;	/* index in the array, or -1 */
	int next_sibling;
	/* Held during the pass only, so that a reused pid is not mistaken for it. */
	struct pid_namespace *ns;
	u64 id;			/* ns_common.ns_id, where the kernel has ids */
};

/* A line of the file, as the pass left it to print. */
struct pidns_line {
	pid_t nr;
	pid_t parent_nr;
	unsigned int level;
	u64 id;
};

struct pidns_snapshot {
	struct pidns_entry *e;	/* during a pass: the live inits, by ascending nr */
	int n, max;
	struct pidns_line *lines;	/* after it: what is printed, in order */
	int nr_lines;
};

/*
 * Whether @pid is pid 1 of a live namespace below @mnt_ns that takes new
 * pids: the test the patch applies to each namespace it walks.
 */
static bool pidns_is_live_init(struct pid *pid, struct pid_namespace *mnt_ns)
{
	struct upid *own = &pid->numbers[pid->level];

	return pid->level > mnt_ns->level && own->nr == 1 &&
	       (READ_ONCE(own->ns->pid_allocated) & PIDNS_ADDING) &&
	       pid_task(pid, PIDTYPE_PID);
}

static int pidns_entries_grow(struct pidns_snapshot *snap)
{
	int max = snap->max ? 2 * snap->max : 64;
	struct pidns_entry *e = kvmalloc_array(max, sizeof(*e), GFP_KERNEL_ACCOUNT);

	if (!e)
		return -ENOMEM;
	if (snap->n)
		memcpy(e, snap->e, snap->n * sizeof(*e));
	kvfree(snap->e);
	snap->e = e;
	snap->max = max;
	return 0;
}

/* The pass's entries, and the namespace references they hold. */
static void pidns_entries_free(struct pidns_snapshot *snap)
{
	int i;

	for (i = 0; i < snap->n; i++)
		put_pid_ns(snap->e[i].ns);
	kvfree(snap->e);
	snap->e = NULL;
	snap->n = 0;
	snap->max = 0;
}

static void pidns_snapshot_release(struct pidns_snapshot *snap)
{
	pidns_entries_free(snap);
	kvfree(snap->lines);
	snap->lines = NULL;
	snap->nr_lines = 0;
}

/*
 * Record @pid, pid @nr of @mnt_ns and pid 1 of its own namespace.  Under
 * RCU: a pid found in the idr keeps the reference it holds on its
 * namespace until a grace period after free_pid(), so the namespace can
 * be got here.
 */
static void pidns_record(struct pidns_snapshot *snap, struct pid *pid, pid_t nr,
			 struct pid_namespace *mnt_ns)
{
	struct pid_namespace *ns = pid->numbers[pid->level].ns;
	struct pid_namespace *parent = ns->parent;
	struct pidns_entry *e = &snap->e[snap->n++];
	struct pid *parent_init;

	parent_init = find_pid_ns(1, parent);
	e->nr = nr;
	e->parent_nr = parent == mnt_ns ? 1 :
		       parent_init ? pid_nr_ns(parent_init, mnt_ns) : 0;
	e->level = pid->level - mnt_ns->level;
	e->ns = get_pid_ns(ns);
#if PIDNS_HAS_NS_ID
	e->id = ns->ns.ns_id;
#else
	e->id = 0;
#endif
}

/*
 * Collect the inits of the namespaces below @mnt_ns, in ascending order of
 * their pids there.  RCU is dropped every PIDNS_PIDS_PER_RCU pids and to
 * grow the array; the walk goes on from the next pid, as a read of any
 * /proc directory does.
 */
static int pidns_collect(struct pid_namespace *mnt_ns, struct pidns_snapshot *snap)
{
	pid_t nr = 1;
	int err;

	for (;;) {
		bool done = false;
		int visited;

		rcu_read_lock();
		for (visited = 0; visited < PIDNS_PIDS_PER_RCU && snap->n < snap->max;
		     visited++) {
			struct pid *pid = find_ge_pid(nr, mnt_ns);

			if (!pid) {
				done = true;
				break;
			}
			nr = pid_nr_ns(pid, mnt_ns) + 1;
			if (pidns_is_live_init(pid, mnt_ns))
				pidns_record(snap, pid, nr - 1, mnt_ns);
		}
		rcu_read_unlock();
		if (done)
			return 0;
		if (fatal_signal_pending(current))
			return -EINTR;
		if (snap->n == snap->max) {
			err = pidns_entries_grow(snap);
			if (err)
				return err;
		}
		cond_resched();
	}
}

static int pidns_entry_cmp(const void *key, const void *elt)
{
	pid_t nr = *(const pid_t *)key;
	const struct pidns_entry *e = elt;

	return (nr > e->nr) - (nr < e->nr);
}

/*
 * Link each entry under its parent's, siblings in ascending order.  An
 * entry whose parent namespace is not listed (its init is gone, or it is
 * not live) is linked nowhere, and so is not printed: the patch does not
 * descend into such a namespace either.  The parent is found by its
 * init's pid, which the walk read in another RCU section than the child's,
 * so it must also be the child's parent namespace: a pid given meanwhile to
 * another namespace's init must not put the child under that one.  (The
 * references the entries hold keep both namespaces, so comparing the
 * pointers is sound.)  Returns the first top entry.
 */
static int pidns_link(struct pidns_snapshot *snap)
{
	int i, top = -1;

	for (i = 0; i < snap->n; i++)
		snap->e[i].first_child = -1;
	for (i = snap->n - 1; i >= 0; i--) {
		struct pidns_entry *e = &snap->e[i], *parent;
		int *head;

		if (e->level == 1) {
			head = &top;
		} else {
			parent = bsearch(&e->parent_nr, snap->e, snap->n, sizeof(*parent),
					 pidns_entry_cmp);
			if (!parent || parent->ns != e->ns->parent)
				continue;
			head = &parent->first_child;
		}
		e->next_sibling = *head;
		*head = i;
	}
	return top;
}

/*
 * Whether the opener of @file could open /proc/<nr>/ns/pid through the
 * proc mount of @file and find @e's namespace there: the series' rule.
 * The module asks procfs itself, with the opener's credentials: the lookup
 * of <nr> applies the superblock's hidepid= and gid=, and following ns/pid
 * makes the ptrace read check.  A lookup, not an open, so that nothing is
 * left for task_work to release when the read returns.  The walk starts
 * at the superblock's root, not the mount's, which is the file itself when
 * the file is bind-mounted alone; it only goes down, to <nr> and into
 * nsfs.  Comparing the namespace found with the one recorded leaves out an
 * init that exited and whose pid was given to another task since the walk.
 */
static bool pidns_visible(const struct file *file, const struct pidns_entry *e)
{
	struct dentry *root = file_inode(file)->i_sb->s_root;
	const struct cred *reader;
	struct path path;
	struct inode *inode;
	char name[32];
	bool same;
	int err;

	snprintf(name, sizeof(name), "%d/ns/pid", e->nr);
	reader = override_creds(file->f_cred);
	err = vfs_path_lookup(root, file->f_path.mnt, name, LOOKUP_FOLLOW, &path);
	revert_creds(reader);
	if (err)
		return false;
	inode = d_inode(path.dentry);
	same = inode->i_sb->s_magic == NSFS_MAGIC && get_proc_ns(inode) == &e->ns->ns;
	path_put(&path);
	return same;
}

static void pidns_line_of(struct pidns_line *line, const struct pidns_entry *e)
{
	line->nr = e->nr;
	line->parent_nr = e->parent_nr;
	line->level = e->level;
	line->id = e->id;
}

/*
 * The lines, depth first from @top; an invisible entry hides its subtree.
 * The array is sized for every entry, and shrunk to the lines once known.
 */
static int pidns_order(struct pidns_snapshot *snap, const struct file *file, int top)
{
	int stack[MAX_PID_NS_LEVEL + 1], depth = 0, i = top;
	struct pidns_line *lines;

	snap->lines = kvmalloc_array(max(snap->n, 1), sizeof(*snap->lines),
				     GFP_KERNEL_ACCOUNT);
	if (!snap->lines)
		return -ENOMEM;
	while (i >= 0 || depth) {
		struct pidns_entry *e;

		if (i < 0) {
			i = snap->e[stack[--depth]].next_sibling;
			continue;
		}
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
		e = &snap->e[i];
		if (depth == ARRAY_SIZE(stack) || !pidns_visible(file, e)) {
			i = e->next_sibling;
			continue;
		}
		pidns_line_of(&snap->lines[snap->nr_lines++], e);
		stack[depth++] = i;
		i = e->first_child;
	}
	if (snap->nr_lines == snap->n)
		return 0;
	/* Without memory to shrink into, the larger array does as well. */
	lines = kvmalloc_array(max(snap->nr_lines, 1), sizeof(*lines), GFP_KERNEL_ACCOUNT);
	if (!lines)
		return 0;
	memcpy(lines, snap->lines, snap->nr_lines * sizeof(*lines));
	kvfree(snap->lines);
	snap->lines = lines;
	return 0;
}

static int pidns_snapshot_take(struct seq_file *m, struct pidns_snapshot *snap)
{
	struct super_block *sb = file_inode(m->file)->i_sb;
	int err;

	pidns_snapshot_release(snap);
	err = pidns_entries_grow(snap);
	if (!err)
		err = pidns_collect(proc_pid_ns(sb), snap);
	if (!err)
		err = pidns_order(snap, m->file, pidns_link(snap));
	/* The entries and their references serve the pass only. */
	pidns_entries_free(snap);
	if (err)
		pidns_snapshot_release(snap);
	return err;
}

static void *pidns_hierarchy_start(struct seq_file *m, loff_t *pos)
{
	struct pidns_snapshot *snap = m->private;

	/*
	 * A pass starts at 0: a read from the start, or seq_file's
	 * traverse(), which lseek() goes through.  A line (under 64 bytes)
	 * always fits in seq_file's first buffer.
	 */
	if (!*pos) {
		int err = pidns_snapshot_take(m, snap);

		if (err)
			return ERR_PTR(err);
	}
	if (*pos >= snap->nr_lines) {
		/* Past the last line: what the pass keeps can go. */
		pidns_snapshot_release(snap);
		return NULL;
	}
	return &snap->lines[*pos];
}

static void *pidns_hierarchy_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct pidns_snapshot *snap = m->private;

	++*pos;
	if (*pos < snap->nr_lines)
		return &snap->lines[*pos];
	/* The last line is printed (seq_file has copied it): free the pass. */
	pidns_snapshot_release(snap);
	return NULL;
}

static void pidns_hierarchy_stop(struct seq_file *m, void *v)
{
}

static int pidns_hierarchy_show(struct seq_file *m, void *v)
{
	const struct pidns_line *line = v;

	seq_put_decimal_ll(m, "", line->nr);
	seq_put_decimal_ll(m, " ", line->parent_nr);
	seq_put_decimal_ull(m, " ", line->level);
	if (PIDNS_HAS_NS_ID)
		seq_put_decimal_ull(m, " ", line->id);
	seq_putc(m, '\n');
	return 0;
}

static const struct seq_operations pidns_hierarchy_seq_ops = {
	.start	= pidns_hierarchy_start,
	.next	= pidns_hierarchy_next,
	.stop	= pidns_hierarchy_stop,
	.show	= pidns_hierarchy_show,
};

static int pidns_hierarchy_open(struct inode *inode, struct file *file)
{
	/* Read-only for everyone, CAP_DAC_OVERRIDE included. */
	if (file->f_mode & FMODE_WRITE)
		return -EACCES;
	return seq_open_private(file, &pidns_hierarchy_seq_ops,
				sizeof(struct pidns_snapshot));
}

static int pidns_hierarchy_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	pidns_snapshot_release(m->private);
	return seq_release_private(inode, file);
}

static const struct proc_ops pidns_hierarchy_proc_ops = {
	.proc_open	= pidns_hierarchy_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= pidns_hierarchy_release,
};

static struct proc_dir_entry *pidns_hierarchy_pde;

int pidns_hierarchy_register(const char *name)
{
	pidns_hierarchy_pde = proc_create(name, 0444, NULL, &pidns_hierarchy_proc_ops);
	return pidns_hierarchy_pde ? 0 : -ENOMEM;
}

/*
 * proc_remove() waits for the reads in progress and releases the files
 * still open, so the module can go while readers hold the file: their
 * next read fails with EIO.
 */
void pidns_hierarchy_unregister(void)
{
	proc_remove(pidns_hierarchy_pde);
}
