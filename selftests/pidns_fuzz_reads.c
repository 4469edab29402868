// SPDX-License-Identifier: GPL-2.0
/*
 * The file half of pidns_fuzz: /proc/pidns_hierarchy read with random
 * buffer sizes, seeks and preads, and /proc/namespaces listed with random
 * getdents buffers and seeks.  Nothing creates or destroys namespaces
 * meanwhile, so every way of reading must give the same bytes, or the
 * same names, as one plain pass; each line and name must be well formed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pidns_fuzz.h"

#define HIERARCHY "/proc/pidns_hierarchy"
#define NSDIR "/proc/namespaces"
#define BIG (1 << 20)

static char whole[BIG], got[BIG];

static ssize_t read_all(int fd, char *buf, size_t size, size_t chunk)
{
	ssize_t n, total = 0;

	while ((size_t)total < size && (n = read(fd, buf + total,
						  chunk < size - total ? chunk : size - total)) > 0)
		total += n;
	return n < 0 ? -1 : total;
}

/* Three or four decimal columns, levels from 1, the parent listed above. */
static int well_formed(const char *text, size_t len)
{
	const char *line = text, *end = text + len;

	while (line < end) {
		const char *nl = memchr(line, '\n', end - line);
		unsigned long long a, b, c, d;
		char copy[128];
		int fields;

		if (!nl || nl - line >= (long)sizeof(copy))
			return 0;
		memcpy(copy, line, nl - line);
		copy[nl - line] = 0;
		fields = sscanf(copy, "%llu %llu %llu %llu", &a, &b, &c, &d);
		if ((fields != 3 && fields != 4) || !a || !b || !c)
			return 0;
		line = nl + 1;
	}
	return 1;
}

int fuzz_hierarchy_reads(uint64_t seed, long n)
{
	uint64_t rng = rng_state(seed, 100);
	int fd = open(HIERARCHY, O_RDONLY | O_CLOEXEC), failures = 0;
	ssize_t len;
	long i;

	if (fd < 0)
		return 1;
	/* Namespaces of tasks that just exited may still be going: wait for quiet. */
	for (i = 0; i < 50; i++) {
		len = pread(fd, whole, sizeof(whole), 0);
		usleep(20000);
		if (len > 0 && pread(fd, got, sizeof(got), 0) == len && !memcmp(got, whole, len))
			break;
	}
	if (len <= 0 || !well_formed(whole, len)) {
		printf("# FAIL %s: a plain read gives %zd bytes, not well formed lines\n",
		       HIERARCHY, len);
		close(fd);
		return 1;
	}
	for (i = 0; i < n && failures < 20; i++) {
		size_t chunk_max = rng_next(&rng) % 2 ? 64 : 8192;
		size_t chunk = 1 + rng_next(&rng) % chunk_max;
		off_t off = rng_next(&rng) % (2 * len + 2);
		ssize_t got_len;

		switch (rng_next(&rng) % 3) {
		case 0:		/* from the start, in chunks */
			if (lseek(fd, 0, SEEK_SET) != 0 ||
			    (got_len = read_all(fd, got, sizeof(got), chunk)) != len ||
			    memcmp(got, whole, len)) {
				printf("# FAIL seed %llu, read %ld: %zu-byte reads differ from one read\n",
				       (unsigned long long)seed, i, chunk);
				failures++;
			}
			break;
		case 1:		/* lseek to anywhere, then read */
			if (lseek(fd, off, SEEK_SET) != off) {
				printf("# FAIL seed %llu, read %ld: lseek to %lld: %s\n",
				       (unsigned long long)seed, i, (long long)off, strerror(errno));
				failures++;
				break;
			}
			got_len = read_all(fd, got, sizeof(got), chunk);
			if (got_len != (off < len ? len - off : 0) ||
			    (got_len > 0 && memcmp(got, whole + off, got_len))) {
				printf("# FAIL seed %llu, read %ld: after lseek %lld, %zd bytes differ\n",
				       (unsigned long long)seed, i, (long long)off, got_len);
				failures++;
			}
			break;
		default:	/* pread of a random window */
			got_len = pread(fd, got, chunk, off);
			if (got_len < 0 || (off < len && got_len == 0) ||
			    (got_len > 0 && memcmp(got, whole + off, got_len))) {
				printf("# FAIL seed %llu, read %ld: pread %zu at %lld gives %zd wrong bytes\n",
				       (unsigned long long)seed, i, chunk, (long long)off, got_len);
				failures++;
			}
			break;
		}
	}
	close(fd);
	return failures;
}

struct names {
	char (*name)[64];
	long n;
};

/* 0, -errno of getdents64, or -EPROTO for a record that is not well formed. */
static int list_dir(int fd, size_t bufsize, struct names *out, long max)
{
	static char buf[65536] __attribute__((aligned(8)));
	size_t name_at = offsetof(struct dirent64, d_name);
	long nread;

	if (bufsize > sizeof(buf))
		bufsize = sizeof(buf);
	out->n = 0;
	while ((nread = syscall(SYS_getdents64, fd, buf, bufsize)) > 0) {
		long pos = 0;

		while (pos < nread) {
			struct dirent64 *d = (struct dirent64 *)(buf + pos);

			if (nread - pos < (long)name_at + 1 || d->d_reclen < name_at + 1 ||
			    d->d_reclen > nread - pos ||
			    !memchr(d->d_name, 0, d->d_reclen - name_at))
				return -EPROTO;
			if (out->n < max && strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				snprintf(out->name[out->n++], sizeof(out->name[0]), "%.63s", d->d_name);
			pos += d->d_reclen;
		}
	}
	return nread < 0 ? -errno : 0;
}

/*
 * getdents64(2) fails with EINVAL when the next entry does not fit; the
 * longest entry here, "cgroup:[4026531835]", takes 40 bytes.
 */
static bool too_small(int ret, size_t bufsize)
{
	return ret == -EINVAL && bufsize < 40;
}

int fuzz_nsdir_walks(uint64_t seed, long n)
{
	static char all[65536][64], some[65536][64];
	struct names ref = { all, 0 }, walk = { some, 0 };
	uint64_t rng = rng_state(seed, 200);
	int fd = open(NSDIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC), failures = 0;
	regex_t name_re;
	long i, j;

	if (fd < 0)
		return 1;
	regcomp(&name_re, "^(cgroup|ipc|mnt|net|pid|time|user|uts):\\[[0-9]+\\]$",
		REG_EXTENDED | REG_NOSUB);
	for (i = 0; i < 50; i++) {	/* as for the hierarchy: wait for quiet */
		lseek(fd, 0, SEEK_SET);
		if (list_dir(fd, sizeof(all), &ref, 65536))
			break;
		usleep(20000);
		lseek(fd, 0, SEEK_SET);
		if (!list_dir(fd, sizeof(all), &walk, 65536) && walk.n == ref.n &&
		    !memcmp(walk.name, ref.name, ref.n * sizeof(ref.name[0])))
			break;
	}
	lseek(fd, 0, SEEK_SET);
	if (list_dir(fd, sizeof(all), &ref, 65536) || !ref.n) {
		printf("# FAIL %s: a plain listing fails or is empty\n", NSDIR);
		close(fd);
		return 1;
	}
	for (j = 0; j < ref.n; j++) {
		if (regexec(&name_re, ref.name[j], 0, NULL, 0)) {
			printf("# FAIL %s: entry '%s' is not '<type>:[<inum>]'\n", NSDIR, ref.name[j]);
			failures++;
		}
	}
	for (i = 0; i < n && failures < 20; i++) {
		size_t bufsize_max = rng_next(&rng) % 2 ? 200 : 8192;
		size_t bufsize = 1 + rng_next(&rng) % bufsize_max;
		off_t off = (off_t)(rng_next(&rng) >> 1);
		int ret;

		if (rng_next(&rng) % 2) {
			/* Whole, in small buffers: the same names in the same order. */
			lseek(fd, 0, SEEK_SET);
			ret = list_dir(fd, bufsize, &walk, 65536);
			if (too_small(ret, bufsize))
				continue;
			if (ret || walk.n != ref.n ||
			    memcmp(walk.name, ref.name, ref.n * sizeof(ref.name[0]))) {
				printf("# FAIL seed %llu, walk %ld: %zu-byte getdents give %ld names (%s), not %ld\n",
				       (unsigned long long)seed, i, bufsize, walk.n,
				       ret ? strerror(-ret) : "ok", ref.n);
				failures++;
			}
		} else {
			/* From anywhere: a tail of the listing, or nothing, never junk. */
			if (rng_next(&rng) % 2)
				off %= 1LL << 40;
			if (lseek(fd, off, SEEK_SET) < 0)
				continue;
			ret = list_dir(fd, bufsize, &walk, 65536);
			if (too_small(ret, bufsize))
				continue;
			for (j = 0; !ret && j < walk.n; j++)
				if (regexec(&name_re, walk.name[j], 0, NULL, 0))
					break;
			if (ret || j < walk.n || walk.n > ref.n ||
			    (walk.n && memcmp(walk.name, ref.name[ref.n - walk.n],
					      walk.n * sizeof(ref.name[0])))) {
				printf("# FAIL seed %llu, walk %ld: getdents after lseek %lld: %ld names (%s), not a tail\n",
				       (unsigned long long)seed, i, (long long)off, walk.n,
				       ret ? strerror(-ret) : "ok");
				failures++;
			}
		}
	}
	regfree(&name_re);
	close(fd);
	return failures;
}
