// SPDX-License-Identifier: GPL-2.0
/*
 * pidns.ko: gives kernels without the pidns series (Debian's 6.1, 6.12
 * and 7.3) its two interfaces, /proc/pidns_hierarchy and the ns_last_pid
 * vector (through /dev/pidns instead of an nsfs ioctl), using exported
 * symbols only.  Documentation/module.md says what differs.
 *
 * Loading checks, in this order and before anything is registered: the
 * parameters, that the kernel has not the series (asked of nsfs itself, so
 * that neither proc_name= nor CONFIG_PROC_PIDNS_HIERARCHY=n hides it), and
 * that /proc has no entry of the name the file is to have.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/pidns.h>

#include "compat.h"
#include "pidns.h"

static char *proc_name = "pidns_hierarchy";
module_param(proc_name, charp, 0444);
MODULE_PARM_DESC(proc_name,
		 "name of the file in /proc: letters, digits, '.', '_' and '-', not all digits (default pidns_hierarchy)");

/*
 * A name procfs could give nothing else: not a pid directory's (all
 * digits), not "." or "..", no '/'.  Anything else already in /proc is
 * refused by pidns_proc_has() before proc_create() would warn about it.
 */
static bool pidns_proc_name_valid(const char *name)
{
	size_t len = strlen(name), i;
	bool digits = true;

	if (!len || len > NAME_MAX || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (i = 0; i < len; i++) {
		/* The kernel's isalnum() takes Latin-1 letters too. */
		if (!(isascii(name[i]) && isalnum(name[i])) && !strchr("._-", name[i]))
			return false;
		digits &= !!isdigit(name[i]);
	}
	return !digits;
}

/* Whether @name exists in the root of @mnt, a proc mount: 1, 0, or -errno. */
static int pidns_proc_has(struct vfsmount *mnt, const char *name)
{
	struct dentry *dentry;
	int found;

	/* procfs answers a missing name with -ENOENT, not a negative dentry. */
	dentry = pidns_lookup_unlocked(name, mnt->mnt_root);
	if (dentry == ERR_PTR(-ENOENT))
		return 0;
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	found = d_really_is_positive(dentry);
	dput(dentry);
	return found;
}

/*
 * Whether nsfs has the series' NS_GET_LAST_PID_VEC: 1, 0, or -errno.
 * Without the series nsfs answers an ioctl it does not know before looking
 * at the argument: ENOTTY on 6.1 and 6.12, ENOIOCTLCMD on 7.3 (which
 * vfs_ioctl() would turn into ENOTTY; the module calls the handler
 * itself).  With the series, the NULL argument makes the copy fail
 * (EFAULT).  Any other answer means the series is there.
 */
static int pidns_kernel_has_series(struct vfsmount *mnt)
{
	struct file *ns_file;
	long ret;

	/* The loader's own pid namespace, through a mount made for it. */
	ns_file = file_open_root_mnt(mnt, "self/ns/pid", O_RDONLY, 0);
	if (IS_ERR(ns_file))
		return PTR_ERR(ns_file);
	ret = ns_file->f_op->unlocked_ioctl ?
	      ns_file->f_op->unlocked_ioctl(ns_file, NS_GET_LAST_PID_VEC, 0) : -ENOTTY;
	fput(ns_file);
	return ret != -ENOTTY && ret != -ENOIOCTLCMD;
}

/*
 * The checks that need procfs, on a proc mount of the module's own, so
 * that the answers depend neither on what the loader has on /proc nor on
 * its mount options.  Neither refusal is EEXIST, which finit_module()
 * keeps for "already loaded" (modprobe then reports success, and 6.15 and
 * later turn an init's EEXIST into EBUSY): ENODEV when the kernel has the
 * series, EBUSY when the name is taken.
 */
static int pidns_check_kernel(void)
{
	struct file_system_type *proc_type = get_fs_type("proc");
	struct vfsmount *mnt;
	int ret;

	if (!proc_type) {
		pr_err("no proc filesystem\n");
		return -ENODEV;
	}
	mnt = kern_mount(proc_type);
	/* put_filesystem(), which is not exported. */
	module_put(proc_type->owner);
	if (IS_ERR(mnt)) {
		pr_err("cannot mount proc: error %ld\n", PTR_ERR(mnt));
		return PTR_ERR(mnt);
	}

	ret = pidns_kernel_has_series(mnt);
	if (ret > 0) {
		pr_err("this kernel has the pidns series (nsfs knows NS_GET_LAST_PID_VEC): pidns.ko is for kernels without it\n");
		ret = -ENODEV;
		goto out;
	}
	if (ret < 0) {
		pr_err("cannot ask nsfs whether this kernel has the pidns series: error %d\n", ret);
		goto out;
	}

	ret = pidns_proc_has(mnt, proc_name);
	if (ret > 0) {
		pr_err("/proc/%s already exists: choose another proc_name=\n", proc_name);
		ret = -EBUSY;
	} else if (ret < 0) {
		pr_err("cannot look up /proc/%s: error %d\n", proc_name, ret);
	}
out:
	kern_unmount(mnt);
	return ret;
}

static int __init pidns_init(void)
{
	int err;

	if (!pidns_proc_name_valid(proc_name)) {
		pr_err("proc_name=\"%*pE\": letters, digits, '.', '_' and '-' only, not all digits\n",
		       (int)strlen(proc_name), proc_name);
		return -EINVAL;
	}
	err = pidns_node_check_params();
	if (err)
		return err;
	err = pidns_check_kernel();
	if (err)
		return err;

	err = pidns_hierarchy_register(proc_name);
	if (err) {
		pr_err("cannot create /proc/%s: error %d\n", proc_name, err);
		return err;
	}
	err = pidns_dev_register();
	if (err) {
		pr_err("cannot register /dev/pidns: error %d\n", err);
		pidns_hierarchy_unregister();
	}
	return err;
}

static void __exit pidns_exit(void)
{
	pidns_dev_unregister();
	pidns_hierarchy_unregister();
}

module_init(pidns_init);
module_exit(pidns_exit);
MODULE_DESCRIPTION("/proc/pidns_hierarchy and the ns_last_pid vector for kernels without the pidns series");
MODULE_LICENSE("GPL");
