/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The differences between the kernels pidns.ko builds for (Debian's 6.1
 * and 6.12), in one place.
 */
#ifndef PIDNS_COMPAT_H
#define PIDNS_COMPAT_H

#include <linux/file.h>

/* 6.12 made struct fd opaque and added fd_file(); 6.1 has ->file. */
#ifndef fd_file
#define fd_file(f) ((f).file)
#endif

#endif /* PIDNS_COMPAT_H */
