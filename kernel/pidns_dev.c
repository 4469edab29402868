// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/pidns: PIDNS_IOC_SET_LAST_PID_VEC and PIDNS_IOC_GET_LAST_PID_VEC,
 * the nsfs ioctls NS_SET_LAST_PID_VEC and NS_GET_LAST_PID_VEC of the
 * series for kernels without it.  A module cannot add ioctls to nsfs, so
 * the namespace comes as an nsfs file descriptor in the request.
 *
 * Semantics, errors and permissions are the patch's (see
 * Documentation/userspace-api/pid_ns_last_pid.rst in the series), with one
 * difference: the patch checks that every level still takes pids and
 * updates them all under pidmap_lock, which is not exported.  Here the
 * check and the update are done without it, as the ns_last_pid sysctl
 * does its update: an init exiting at that very moment may leave its
 * (dying) namespace with the new value, which no fork can use any more.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/magic.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/pid_namespace.h>
#include <linux/proc_ns.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/pidns.h>

#include "compat.h"
#include "pidns.h"

/* Same checks as the series' pidns_accepts_last_pid(), without the lock. */
static bool pidns_accepts_last_pid(struct pid_namespace *ns)
{
	unsigned int allocated = READ_ONCE(ns->pid_allocated);

	return (allocated & PIDNS_ADDING) && allocated != PIDNS_ADDING;
}

static int pidns_dev_set_vec(struct pid_namespace *ns,
				  const struct ns_last_pid_vec *vec)
{
	struct pid_namespace *tmp;
	int max = pidns_read_pid_max();
	u32 i;

	if (max < 0)
		return max;
	if (!vec->nr || vec->nr > NS_LAST_PID_VEC_MAX ||
	    vec->nr > ns->level + 1 || vec->flags)
		return -EINVAL;
	for (i = 0; i < vec->nr; i++)
		if (vec->last_pid[i] < 0 || vec->last_pid[i] > max)
			return -EINVAL;

	for (i = 0, tmp = ns; i < vec->nr; i++, tmp = tmp->parent)
		if (!checkpoint_restore_ns_capable(tmp->user_ns))
			return -EPERM;
	for (i = 0, tmp = ns; i < vec->nr; i++, tmp = tmp->parent)
		if (!pidns_accepts_last_pid(tmp))
			return -ESRCH;

	for (i = 0, tmp = ns; i < vec->nr; i++, tmp = tmp->parent)
		idr_set_cursor(&tmp->idr, vec->last_pid[i] + 1);
	return 0;
}

/* As the series' pidns_get_last_pid_vec(): the longest readable prefix. */
static void pidns_dev_get_vec(struct pid_namespace *ns,
				   struct ns_last_pid_vec *vec)
{
	struct pid_namespace *active = task_active_pid_ns(current);
	struct pid_namespace *tmp = ns;
	bool inside;

	while (tmp->level > active->level)
		tmp = tmp->parent;
	inside = tmp == active;

	memset(vec, 0, sizeof(*vec));
	for (tmp = ns; tmp && vec->nr < NS_LAST_PID_VEC_MAX; tmp = tmp->parent) {
		if (!inside && !checkpoint_restore_ns_capable_noaudit(tmp->user_ns))
			break;
		vec->last_pid[vec->nr++] = idr_get_cursor(&tmp->idr) - 1;
		if (tmp == active)
			inside = false;
	}
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
	if (pidns_ns_type(ns) != CLONE_NEWPID)
		return NULL;
	return container_of(ns, struct pid_namespace, ns);
}

static long pidns_dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pidns_last_pid_req __user *ureq = (void __user *)arg;
	struct pidns_last_pid_req req;
	struct pid_namespace *ns;
	struct fd f;
	long ret;

	if (cmd != PIDNS_IOC_SET_LAST_PID_VEC && cmd != PIDNS_IOC_GET_LAST_PID_VEC)
		return -ENOTTY;
	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (req.reserved)
		return -EINVAL;

	f = fdget(req.ns_fd);
	if (!fd_file(f))
		return -EBADF;
	ns = pidns_of_file(fd_file(f));
	if (!ns) {
		ret = -EINVAL;
	} else if (cmd == PIDNS_IOC_SET_LAST_PID_VEC) {
		ret = pidns_dev_set_vec(ns, &req.vec);
	} else {
		pidns_dev_get_vec(ns, &req.vec);
		ret = copy_to_user(&ureq->vec, &req.vec, sizeof(req.vec)) ? -EFAULT : 0;
	}
	fdput(f);
	return ret;
}

static const struct file_operations pidns_dev_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= pidns_dev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

/* Mode 0666: the ioctls check permissions per namespace level. */
static struct miscdevice pidns_dev = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "pidns",
	.fops	= &pidns_dev_fops,
	.mode	= 0666,
};

int pidns_dev_register(void)
{
	return misc_register(&pidns_dev);
}

void pidns_dev_unregister(void)
{
	misc_deregister(&pidns_dev);
}
