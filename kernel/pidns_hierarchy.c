// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/pidns_hierarchy, with the format, order and visibility rules of
 * the patch "proc: add /proc/pidns_hierarchy": one line per live pid
 * namespace below the proc mount's,
 *
 *	<init_PID> <parent_init_PID> <relative_level>
 *
 * numbered in the mount's namespace, depth first, siblings by ascending
 * init_PID, leaving out namespaces without a live init, namespaces that
 * take no new pids, namespaces of an init whose /proc/<pid>/ns/pid the
 * opener could not open through the mount, and everything below any of
 * them.  The series adds a fourth column, the namespace id; the kernels
 * this module is for (6.1, 6.12) have no namespace ids.
 *
 * The patch walks a tree of namespaces that the kernel keeps; a module
 * cannot hook namespace creation to keep one.  So, like the proposal's v8,
 * this visits every pid of the mount's namespace on each read and keeps
 * those that are pid 1 of a namespace below it: a read costs O(pids).
 */
#include <linux/bsearch.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "compat.h"
#include "pidns.h"

struct pidns_entry {
	pid_t nr;		/* the init's pid in the mount's namespace */
	pid_t parent_nr;	/* the parent namespace's init's, 1 for the mount's */
	unsigned int level;	/* below the mount's namespace */
	int first_child;	/* index in the array, or -1 */
	int next_sibling;
};

struct pidns_entries {
	struct pidns_entry *e;
	int n, max;
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

static int pidns_entries_grow(struct pidns_entries *all)
{
	int max = all->max ? 2 * all->max : 64;
	struct pidns_entry *e = kvmalloc_array(max, sizeof(*e), GFP_KERNEL);

	if (!e)
		return -ENOMEM;
	if (all->n)
		memcpy(e, all->e, all->n * sizeof(*e));
	kvfree(all->e);
	all->e = e;
	all->max = max;
	return 0;
}

/*
 * Collect the inits of the namespaces below @mnt_ns, in ascending order of
 * their pids there.  RCU is dropped to grow the array; the walk goes on
 * from the next pid, as a read of any /proc directory does.
 */
static int pidns_collect(struct pid_namespace *mnt_ns, struct pidns_entries *all)
{
	int nr = 1, err;

	for (;;) {
		struct pid *pid;

		rcu_read_lock();
		while ((pid = find_ge_pid(nr, mnt_ns)) && all->n < all->max) {
			struct pidns_entry *e = &all->e[all->n];
			struct pid_namespace *parent;
			struct pid *parent_init;

			nr = pid_nr_ns(pid, mnt_ns) + 1;
			if (!pidns_is_live_init(pid, mnt_ns))
				continue;
			parent = pid->numbers[pid->level].ns->parent;
			parent_init = find_pid_ns(1, parent);
			e->nr = nr - 1;
			e->parent_nr = parent == mnt_ns ? 1 :
				       parent_init ? pid_nr_ns(parent_init, mnt_ns) : 0;
			e->level = pid->level - mnt_ns->level;
			all->n++;
		}
		rcu_read_unlock();
		if (!pid)
			return 0;
		err = pidns_entries_grow(all);
		if (err)
			return err;
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
 * descend into such a namespace either.  Returns the first top entry.
 */
static int pidns_link(struct pidns_entries *all)
{
	int i, top = -1;

	for (i = 0; i < all->n; i++)
		all->e[i].first_child = -1;
	for (i = all->n - 1; i >= 0; i--) {
		struct pidns_entry *e = &all->e[i], *parent;
		int *head;

		if (e->level == 1) {
			head = &top;
		} else {
			parent = bsearch(&e->parent_nr, all->e, all->n, sizeof(*parent),
					 pidns_entry_cmp);
			if (!parent || parent->level != e->level - 1)
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
 * proc mount of @file: the series' rule.  The module asks procfs itself,
 * with the opener's credentials: the lookup of <nr> applies the mount's
 * hidepid= and gid=, and following ns/pid makes the ptrace read check
 * (O_PATH: the walk is all that is wanted).
 */
static bool pidns_visible(const struct file *file, pid_t nr)
{
	const struct cred *reader;
	struct file *ns_file;
	char name[32];

	snprintf(name, sizeof(name), "%d/ns/pid", nr);
	reader = override_creds(file->f_cred);
	ns_file = file_open_root_mnt(file->f_path.mnt, name, O_PATH, 0);
	revert_creds(reader);
	if (IS_ERR(ns_file))
		return false;
	fput(ns_file);
	return true;
}

/* Depth first from @top; an invisible entry hides its subtree. */
static void pidns_print(struct seq_file *m, struct pidns_entries *all, int top)
{
	int stack[MAX_PID_NS_LEVEL + 1], depth = 0, i = top;

	while (i >= 0 || depth) {
		struct pidns_entry *e;

		if (i < 0) {
			i = all->e[stack[--depth]].next_sibling;
			continue;
		}
		if (seq_has_overflowed(m))
			return;
		e = &all->e[i];
		if (!pidns_visible(m->file, e->nr) || depth == ARRAY_SIZE(stack)) {
			i = e->next_sibling;
			continue;
		}
		seq_printf(m, "%d %d %u\n", e->nr, e->parent_nr, e->level);
		stack[depth++] = i;
		i = e->first_child;
	}
}

static int pidns_hierarchy_show(struct seq_file *m, void *v)
{
	struct super_block *sb = file_inode(m->file)->i_sb;
	struct pidns_entries all = {};
	int err;

	err = pidns_entries_grow(&all);
	if (!err)
		err = pidns_collect(proc_pid_ns(sb), &all);
	if (!err)
		pidns_print(m, &all, pidns_link(&all));
	kvfree(all.e);
	return err;
}

static int pidns_hierarchy_open(struct inode *inode, struct file *file)
{
	/* Read-only for everyone, CAP_DAC_OVERRIDE included. */
	if (file->f_mode & FMODE_WRITE)
		return -EACCES;
	return single_open(file, pidns_hierarchy_show, NULL);
}

static const struct proc_ops pidns_hierarchy_proc_ops = {
	.proc_open	= pidns_hierarchy_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
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
