// SPDX-License-Identifier: GPL-2.0
/*
 * pidns.ko: gives kernels without the pidns series (Debian's 6.1 and
 * 6.12) its two interfaces, /proc/pidns_hierarchy and the ns_last_pid
 * vector (through /dev/pidns instead of an nsfs ioctl), using exported
 * symbols only.  Documentation/module.md says what differs.
 *
 * Two things only procfs tells a module: whether the kernel already has
 * the file, and pid_max, which is not exported.  The module asks a proc
 * mount of its own, made at load time, so that the answer does not depend
 * on what the caller has mounted on /proc.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/namei.h>

#include "compat.h"
#include "pidns.h"

static char *proc_name = "pidns_hierarchy";
module_param(proc_name, charp, 0444);
MODULE_PARM_DESC(proc_name,
		 "name of the file in /proc (another name lets the module run beside the patched kernel's file, for benchmarks)");

static struct vfsmount *proc_mnt;

/* Whether @name exists in the root of our proc mount: 1, 0, or -errno. */
int pidns_proc_has(const char *name)
{
	struct dentry *dentry;
	int found;

	/* procfs answers a missing name with -ENOENT, not a negative dentry. */
	dentry = pidns_lookup_unlocked(name, proc_mnt->mnt_root);
	if (dentry == ERR_PTR(-ENOENT))
		return 0;
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	found = d_really_is_positive(dentry);
	dput(dentry);
	return found;
}

/* The pid_max sysctl, or -errno. */
int pidns_read_pid_max(void)
{
	char buf[16] = "";
	struct file *file;
	loff_t pos = 0;
	ssize_t len;
	int max;

	file = file_open_root_mnt(proc_mnt, "sys/kernel/pid_max", O_RDONLY, 0);
	if (IS_ERR(file))
		return PTR_ERR(file);
	len = kernel_read(file, buf, sizeof(buf) - 1, &pos);
	fput(file);
	if (len < 0)
		return len;
	buf[len] = '\0';
	if (kstrtoint(strim(buf), 10, &max))
		return -EINVAL;
	return max;
}

static int __init pidns_init(void)
{
	struct file_system_type *proc_type = get_fs_type("proc");
	int err;

	if (!proc_type) {
		pr_err("no proc filesystem\n");
		return -ENODEV;
	}
	proc_mnt = kern_mount(proc_type);
	if (IS_ERR(proc_mnt)) {
		pr_err("cannot mount proc: error %ld\n", PTR_ERR(proc_mnt));
		return PTR_ERR(proc_mnt);
	}

	err = pidns_proc_has(proc_name);
	if (err > 0) {
		pr_err("this kernel already has /proc/%s: pidns.ko is for kernels without the pidns series\n",
		       proc_name);
		err = -EEXIST;
		goto out_mnt;
	}
	if (err < 0) {
		pr_err("cannot look up /proc/%s: error %d\n", proc_name, err);
		goto out_mnt;
	}
	err = pidns_hierarchy_register(proc_name);
	if (err) {
		pr_err("cannot create /proc/%s: error %d\n", proc_name, err);
		goto out_mnt;
	}
	err = pidns_dev_register();
	if (err) {
		pr_err("cannot register /dev/pidns: error %d\n", err);
		goto out_hierarchy;
	}
	return 0;

out_hierarchy:
	pidns_hierarchy_unregister();
out_mnt:
	kern_unmount(proc_mnt);
	return err;
}

static void __exit pidns_exit(void)
{
	pidns_dev_unregister();
	pidns_hierarchy_unregister();
	kern_unmount(proc_mnt);
}

module_init(pidns_init);
module_exit(pidns_exit);
MODULE_DESCRIPTION("/proc/pidns_hierarchy and the ns_last_pid vector for kernels without the pidns series");
MODULE_LICENSE("GPL");
