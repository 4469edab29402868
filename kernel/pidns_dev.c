// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/pidns: PIDNS_IOC_SET_LAST_PID_VEC and PIDNS_IOC_GET_LAST_PID_VEC,
 * the nsfs ioctls NS_SET_LAST_PID_VEC and NS_GET_LAST_PID_VEC of the
 * series for kernels without it.  A module cannot add ioctls to nsfs, so
 * the namespace comes as an nsfs file descriptor in the request, which
 * points at the struct the nsfs ioctl takes.
 *
 * Arguments, errors, permissions and the subtree rule are the patch's (see
 * Documentation/userspace-api/pid_ns_last_pid.rst in the series), with two
 * additions of the device's own: SET needs a file opened for writing
 * (EBADF otherwise), so that the node's mode bits can keep SET from
 * anyone, and each level's bound is what a module can know of its pid_max
 * (pidns_level_pid_max()).  What a module cannot do is take pidmap_lock,
 * which is not exported: here the checks and the update run without it,
 * as the ns_last_pid sysctl does its update.  Documentation/module.md
 * lists every consequence; in short, a fork or another SET running at the
 * same time can change a level after this one checked or wrote it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/magic.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/pid_namespace.h>
#include <linux/proc_ns.h>
#include <linux/sched.h>
#include <linux/threads.h>
#include <linux/uaccess.h>
#include <linux/pidns.h>
#include <asm/page.h>

#include "compat.h"
#include "pidns.h"

/* Same test as the series' pidns_accepts_last_pid(), without the lock. */
static bool pidns_accepts_last_pid(struct pid_namespace *ns)
{
	unsigned int allocated = READ_ONCE(ns->pid_allocated);

	return (allocated & PIDNS_ADDING) && allocated != PIDNS_ADDING &&
	       READ_ONCE(ns->child_reaper);
}

/*
 * The bound of @ns's ns_last_pid, as its ns_last_pid sysctl has it.
 *
 * From 6.14 each namespace has its own pid_max, and this is the series'
 * bound exactly.  Before, the one limit is the pid_max sysctl, which is not
 * exported and which a module could read only by opening
 * /proc/sys/kernel/pid_max: with the caller's credentials that makes SET
 * fail with whatever an LSM, Landlock or a cgroup sysctl program says about
 * that file, and audits a path walk per call.  So the bound is the largest
 * value pid_max can take, PID_MAX_LIMIT, and a cursor between pid_max and
 * PID_MAX_LIMIT is harmless: alloc_pid() asks idr_alloc_cyclic() for an id
 * in [pid_min, pid_max); with the cursor at or above pid_max, idr_get_free()
 * finds no slot from the cursor up and returns -ENOSPC, and
 * idr_alloc_cyclic() retries from pid_min, as when the cursor reaches
 * pid_max by itself.  The next fork wraps, exactly as after a fork that got
 * pid_max - 1; no pid at or above pid_max is ever given.  What is lost is
 * the EINVAL the series gives for such a value, and EXACT's promise, since
 * the next pid is then not pids[i] + 1; Documentation/module.md says so.
 */
static int pidns_level_pid_max(struct pid_namespace *ns)
{
#if PIDNS_HAS_NS_PID_MAX
	return READ_ONCE(ns->pid_max);
#else
	return PID_MAX_LIMIT;
#endif
}

/*
 * The series' pidns_set_last_pid_vec(), without pidmap_lock: the
 * capabilities of every level, then every value, before the namespaces'
 * state is looked at.
 */
static int pidns_dev_set_vec(struct pid_namespace *ns, const pid_t *pids,
			     u32 nr, u32 flags)
{
	struct pid_namespace *tmp;
	u32 i;

	for (i = 0, tmp = ns; i < nr; i++, tmp = tmp->parent)
		if (!checkpoint_restore_ns_capable(tmp->user_ns))
			return -EPERM;
	for (i = 0, tmp = ns; i < nr; i++, tmp = tmp->parent) {
		int max = pidns_level_pid_max(tmp);

		if (pids[i] < 0 || pids[i] > max)
			return -EINVAL;
		if ((flags & NS_LAST_PID_VEC_EXACT) && pids[i] + 1 >= max)
			return -EINVAL;
	}
	for (i = 0, tmp = ns; i < nr; i++, tmp = tmp->parent)
		if (!pidns_accepts_last_pid(tmp))
			return -ESRCH;
	if (flags & NS_LAST_PID_VEC_EXACT) {
		rcu_read_lock();
		for (i = 0, tmp = ns; i < nr; i++, tmp = tmp->parent) {
			if (idr_find(&tmp->idr, pids[i] + 1)) {
				rcu_read_unlock();
				return -EEXIST;
			}
		}
		rcu_read_unlock();
	}
	for (i = 0, tmp = ns; i < nr; i++, tmp = tmp->parent)
		idr_set_cursor(&tmp->idr, pids[i] + 1);
	return 0;
}

/*
 * The pid namespace of the nsfs file @file, or NULL.  The file holds a
 * reference on the namespace for as long as the caller holds the file.
 */
static struct pid_namespace *pidns_of_file(struct file *file)
{
	struct inode *inode = file_inode(file);
	struct ns_common *ns;

	if (inode->i_sb->s_magic != NSFS_MAGIC)
		return NULL;
	ns = get_proc_ns(inode);
	/* nsfs's root inode has no namespace; no fd should reach it. */
	if (!ns || pidns_ns_type(ns) != CLONE_NEWPID)
		return NULL;
	return container_of(ns, struct pid_namespace, ns);
}

/* The patch's ns_last_pid_vec_ioctl(), on the namespace of @file. */
static long pidns_dev_vec(struct file *file, bool set, size_t usize,
			  struct ns_last_pid_vec __user *uvec)
{
	pid_t pids[MAX_PID_NS_LEVEL + 1];
	struct pid_namespace *ns, *active, *tmp;
	struct ns_last_pid_vec kvec;
	u32 levels, n, i;
	int ret;

	if (usize < NS_LAST_PID_VEC_SIZE_VER0)
		return -EINVAL;
	/*
	 * nsfs gets the size from the ioctl number, at most _IOC_SIZEMASK;
	 * here it is a u32 of the request, and copy_struct_from_user() would
	 * check that many bytes for zeroes without a rescheduling point.
	 */
	if (usize > PAGE_SIZE)
		return -E2BIG;
	ns = pidns_of_file(file);
	if (!ns)
		return -EINVAL;
	ret = copy_struct_from_user(&kvec, sizeof(kvec), uvec, usize);
	if (ret)
		return ret;

	active = task_active_pid_ns(current);
	for (tmp = ns; tmp && tmp->level > active->level; tmp = tmp->parent)
		;
	if (tmp != active)
		return -EPERM;
	levels = ns->level - active->level + 1;

	if (!kvec.nr)
		return -EINVAL;
	if (kvec.flags & ~(set ? NS_LAST_PID_VEC_EXACT : 0))
		return -EINVAL;

	if (set) {
		if (kvec.nr > levels)
			return -EINVAL;
		if (copy_from_user(pids, u64_to_user_ptr(kvec.pids),
				   array_size(kvec.nr, sizeof(pids[0]))))
			return -EFAULT;
		return pidns_dev_set_vec(ns, pids, kvec.nr, kvec.flags);
	}

	n = min(kvec.nr, levels);
	for (i = 0, tmp = ns; i < n; i++, tmp = tmp->parent)
		pids[i] = idr_get_cursor(&tmp->idr) - 1;
	if (copy_to_user(u64_to_user_ptr(kvec.pids), pids,
			 array_size(n, sizeof(pids[0]))))
		return -EFAULT;
	return put_user(levels, &uvec->nr);
}

static long pidns_dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	bool set = _IOC_NR(cmd) == _IOC_NR(PIDNS_IOC_SET_LAST_PID_VEC);
	struct pidns_last_pid_req req;
	size_t usize = _IOC_SIZE(cmd);
	struct fd f;
	long ret;

	switch (_IOC_NR(cmd)) {
	case _IOC_NR(PIDNS_IOC_SET_LAST_PID_VEC):
	case _IOC_NR(PIDNS_IOC_GET_LAST_PID_VEC):
		break;
	default:
		return -ENOTTY;
	}
	if (_IOC_TYPE(cmd) != _IOC_TYPE(PIDNS_IOC_SET_LAST_PID_VEC) ||
	    _IOC_DIR(cmd) != _IOC_WRITE)
		return -ENOTTY;
	/* As write(2) on a file not open for writing. */
	if (set && !(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (usize < PIDNS_LAST_PID_REQ_SIZE_VER0)
		return -EINVAL;
	ret = copy_struct_from_user(&req, sizeof(req), (void __user *)arg, usize);
	if (ret)
		return ret;

	f = fdget(req.ns_fd);
	if (!fd_file(f))
		return -EBADF;
	ret = pidns_dev_vec(fd_file(f), set, req.vec_size, u64_to_user_ptr(req.vec));
	fdput(f);
	return ret;
}

static const struct file_operations pidns_dev_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= pidns_dev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

int pidns_dev_register(void)
{
	return pidns_node_register(&pidns_dev_fops);
}

void pidns_dev_unregister(void)
{
	pidns_node_unregister();
}
