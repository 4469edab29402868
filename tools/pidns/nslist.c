// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "nsfs_compat.h"
#include "nslist.h"
#include "util.h"

#define IDS_PER_CALL 256

/* @fn on @fd if its type is wanted; closes it. */
static void hand_over(int fd, int types, nslist_fn fn, void *arg)
{
	int type = ioctl(fd, NS_GET_NSTYPE);

	if (type > 0 && (!types || (type & types)))
		fn(arg, fd);
	close(fd);
}

int nsdir_each(int types, nslist_fn fn, void *arg)
{
	DIR *dir = opendir("/proc/namespaces");
	struct dirent *d;

	if (!dir) {
		verbose("/proc/namespaces: %s", strerror(errno));
		return -1;
	}
	while ((d = readdir(dir))) {
		int fd;

		if (!strchr(d->d_name, '['))	/* ".", "..", anything but "type:[inode]" */
			continue;
		fd = openat(dirfd(dir), d->d_name, O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			hand_over(fd, types, fn, arg);
	}
	closedir(dir);
	return 0;
}

static int open_by_id(__u64 id)
{
	struct nsfs_file_handle ns = { .ns_id = id };
	union {
		struct file_handle fh;
		char bytes[sizeof(struct file_handle) + sizeof(struct nsfs_file_handle)];
	} handle;

	handle.fh.handle_bytes = sizeof(ns);
	handle.fh.handle_type = FILEID_NSFS;
	memcpy(handle.fh.f_handle, &ns, sizeof(ns));
	return open_by_handle_at(FD_NSFS_ROOT, &handle.fh, O_RDONLY | O_CLOEXEC);
}

int listns_each(int types, nslist_fn fn, void *arg)
{
#ifdef __NR_listns
	struct ns_id_req req = { .size = NS_ID_REQ_SIZE_VER0, .ns_type = types };
	__u64 ids[IDS_PER_CALL];
	long n, k;

	do {
		n = syscall(__NR_listns, &req, ids, IDS_PER_CALL, 0);
		if (n < 0) {
			verbose("listns(2): %s", strerror(errno));
			return -1;
		}
		for (k = 0; k < n; k++) {
			int fd = open_by_id(ids[k]);

			if (fd >= 0)	/* else gone, or not ours to open */
				hand_over(fd, types, fn, arg);
		}
		if (n)
			req.ns_id = ids[n - 1];	/* the next call lists those after it */
	} while (n == IDS_PER_CALL);
	return 0;
#else
	verbose("listns(2): no syscall number known for this architecture");
	errno = ENOSYS;
	return -1;
#endif
}
