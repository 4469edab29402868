// SPDX-License-Identifier: GPL-2.0
/*
 * The character device behind /dev/pidns, and who may open it.
 *
 * SET rewrites the pid allocation cursor of whole namespace chains, so the
 * node is 0600 root:root unless the administrator says otherwise at load
 * time (mode=, group=): "modprobe pidns mode=0660 group=<gid>" lets the
 * members of a restorer group open it.  The ioctls still check
 * CAP_CHECKPOINT_RESTORE per level; the mode bits decide who reaches the
 * module's code at all.
 *
 * A miscdevice would be simpler, but devtmpfs takes a node's owner and
 * group only from the device's type, which misc_register() does not let a
 * driver set; hence a device of its own.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cdev.h>
#include <linux/cred.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uidgid.h>

#include "compat.h"
#include "pidns.h"

static ushort mode = 0600;
module_param(mode, ushort, 0444);
MODULE_PARM_DESC(mode, "permission bits of /dev/pidns (default 0600; read and write bits only)");

static uint group;
module_param(group, uint, 0444);
MODULE_PARM_DESC(group, "group of /dev/pidns, a gid of the initial user namespace (default 0)");

static kgid_t pidns_node_gid;

static char *pidns_node_devnode(pidns_devnode_device *dev, umode_t *node_mode,
				kuid_t *uid, kgid_t *gid)
{
	/* devtmpfs asks for the name alone (all NULL) when it removes the node. */
	if (node_mode)
		*node_mode = mode;
	if (gid)
		*gid = pidns_node_gid;
	return NULL;
}

static const struct device_type pidns_node_type = {
	.name		= "pidns",
	.devnode	= pidns_node_devnode,
};

static struct class pidns_class = {
	.name		= "pidns",
};

static dev_t pidns_devt;
static struct cdev pidns_cdev;
static struct device *pidns_device;

/*
 * The device's last reference is the one pidns_node_unregister() drops:
 * the node's users hold the module (cdev.owner), not the device, so this
 * runs before the module's text goes.  Only a debug kernel that delays
 * releases on purpose (CONFIG_DEBUG_KOBJECT_RELEASE) could run it later,
 * as for any driver whose release callback is in the module.
 */
static void pidns_node_release(struct device *dev)
{
	kfree(dev);
}

/**
 * pidns_node_check_params() - check mode= and group=
 *
 * Called before the module registers anything, so that a bad parameter
 * fails the load with one line in the log and nothing ever visible.
 *
 * Return: 0, or -EINVAL.
 */
int pidns_node_check_params(void)
{
	/*
	 * Nothing but read and write bits: the node is no one's to execute.
	 * Not 0 either, which devtmpfs would take for "no mode" and make 0600.
	 */
	if (!mode || (mode & ~0666)) {
		pr_err("mode=%#o: read and write bits only, 0666 at most, not 0\n", mode);
		return -EINVAL;
	}
	pidns_node_gid = make_kgid(&init_user_ns, group);
	if (!gid_valid(pidns_node_gid)) {
		pr_err("group=%u is not a valid gid\n", group);
		return -EINVAL;
	}
	return 0;
}

int pidns_node_register(const struct file_operations *fops)
{
	int err;

	err = alloc_chrdev_region(&pidns_devt, 0, 1, "pidns");
	if (err)
		return err;
	err = class_register(&pidns_class);
	if (err)
		goto out_region;

	pidns_device = kzalloc(sizeof(*pidns_device), GFP_KERNEL);
	if (!pidns_device) {
		err = -ENOMEM;
		goto out_class;
	}
	device_initialize(pidns_device);
	pidns_device->devt = pidns_devt;
	pidns_device->class = &pidns_class;
	pidns_device->type = &pidns_node_type;
	pidns_device->release = pidns_node_release;
	err = dev_set_name(pidns_device, "pidns");
	if (err)
		goto out_device;

	cdev_init(&pidns_cdev, fops);
	pidns_cdev.owner = THIS_MODULE;
	err = cdev_device_add(&pidns_cdev, pidns_device);
	if (err)
		goto out_device;
	return 0;

out_device:
	put_device(pidns_device);
out_class:
	class_unregister(&pidns_class);
out_region:
	unregister_chrdev_region(pidns_devt, 1);
	return err;
}

/*
 * Open files hold a reference on the module (cdev.owner), so this runs
 * only when none is left.
 */
void pidns_node_unregister(void)
{
	cdev_device_del(&pidns_cdev, pidns_device);
	put_device(pidns_device);
	class_unregister(&pidns_class);
	unregister_chrdev_region(pidns_devt, 1);
}
