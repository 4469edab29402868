// SPDX-License-Identifier: GPL-2.0
/*
 * NStgid/NSpid/NSpgid/NSsid: the seed's example tree (seed_tree.h) read back
 * through three proc mounts, the initial namespace's, ns1's and ns2's.
 *
 * A line lists the task's numbers from the proc mount's namespace inwards.
 * A process group or session whose leader has no number in a namespace
 * reads as 0 there: t1, t2 and t3 are in the test's own group and session,
 * which ns1 cannot see; t4 leads a session of ns2, t5 a process group.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "pidns_util.h"
#include "seed_tree.h"

static const char *const proc_of_level[] = { "/proc", SEED_PROC1, SEED_PROC2 };
static const char *const keys[] = { "NStgid", "NSpid", "NSpgid", "NSsid" };

FIXTURE(seed_tree) {
	int pgid[3], sid[3];	/* the test's own group and session, per level */
};

FIXTURE_SETUP(seed_tree)
{
	ASSERT_EQ(seed_tree_build(), 0);
	self->pgid[0] = getpgid(0);
	self->sid[0] = getsid(0);
	self->pgid[1] = self->pgid[2] = 0;
	self->sid[1] = self->sid[2] = 0;
}

FIXTURE_TEARDOWN(seed_tree)
{
	EXPECT_EQ(seed_tree_release(), 0);
}

/* The full expected line @key of task @t, from level 0 inwards. */
static const int *expected(FIXTURE_DATA(seed_tree) *self, int t, const char *key)
{
	if (!strcmp(key, "NSpid"))
		return seed_nspid[t];
	if (!strcmp(key, "NStgid"))
		return seed_nspid[t == THREAD ? T5 : t];
	if (!strcmp(key, "NSpgid"))
		return t == T4 ? seed_nspid[T4] : t >= T5 ? seed_nspid[T5] : self->pgid;
	return t >= T4 ? seed_nspid[T4] : self->sid;
}

/* Every NS* line of every task, through the proc of each namespace that sees it. */
TEST_F(seed_tree, every_field_through_every_proc)
{
	int t, view, k;

	for (t = 0; t < SEED_NR_TASKS; t++) {
		for (view = 0; view < seed_task_levels[t]; view++) {
			char task[64];
			int tgid = seed_nspid[t == THREAD ? T5 : t][view];

			if (t == THREAD)
				snprintf(task, sizeof(task), "%d/task/%d", tgid,
					 seed_nspid[t][view]);
			else
				snprintf(task, sizeof(task), "%d", tgid);

			for (k = 0; k < 4; k++) {
				int got[PIDNS_MAX_IDS], n, nwant = seed_task_levels[t] - view;
				const int *want = expected(self, t, keys[k]) + view;
				char gbuf[128], wbuf[128];

				n = read_status_ids(proc_of_level[view], task, keys[k],
						    got, PIDNS_MAX_IDS);
				format_ids(gbuf, sizeof(gbuf), got, n);
				format_ids(wbuf, sizeof(wbuf), want, nwant);
				EXPECT_TRUE(ids_equal(got, n, want, nwant)) {
					TH_LOG("%s via %s/%s: %s is '%s', wanted '%s'",
					       seed_task_names[t], proc_of_level[view], task,
					       keys[k], gbuf, wbuf);
				}
			}
		}
	}
}

/* Every proc lists t5's two threads, and only them, by its own numbers. */
TEST_F(seed_tree, thread_in_task_dir_of_every_proc)
{
	int view;

	for (view = 0; view < 3; view++) {
		char path[128];
		struct dirent *d;
		int seen = 0;
		DIR *dir;

		snprintf(path, sizeof(path), "%s/%d/task", proc_of_level[view],
			 seed_nspid[T5][view]);
		dir = opendir(path);
		ASSERT_NE(dir, NULL);
		while ((d = readdir(dir))) {
			int n = atoi(d->d_name);

			if (n == seed_nspid[T5][view])
				seen |= 1;
			else if (n == seed_nspid[THREAD][view])
				seen |= 2;
			else if (n > 0)
				seen |= 4;
		}
		closedir(dir);
		EXPECT_EQ(seen, 3) {
			TH_LOG("%s: wanted exactly %d and %d", path, seed_nspid[T5][view],
			       seed_nspid[THREAD][view]);
		}
	}
}

/*
 * A number names a different task in each proc: 3 is t3 in ns1 and t5 in
 * ns2; 1 is t2 in ns1 and t4 in ns2.  Tasks of outer namespaces are absent.
 */
TEST_F(seed_tree, same_number_other_task_in_each_proc)
{
	int ids[PIDNS_MAX_IDS];

	ASSERT_EQ(read_status_ids(SEED_PROC1, "3", "NSpid", ids, 3), 1);
	EXPECT_EQ(ids[0], seed_nspid[T3][1]);
	ASSERT_EQ(read_status_ids(SEED_PROC2, "3", "NSpid", ids, 3), 1);
	EXPECT_EQ(ids[0], seed_nspid[T5][2]);
	ASSERT_EQ(read_status_ids(SEED_PROC2, "3", "NStgid", ids, 3), 1);
	EXPECT_EQ(ids[0], seed_nspid[T5][2]);
	ASSERT_EQ(read_status_ids(SEED_PROC1, "1", "NSpid", ids, 3), 1);
	ASSERT_EQ(read_status_ids(SEED_PROC2, "1", "NSsid", ids, 3), 1);
	EXPECT_EQ(ids[0], 1);

	/* t2's and t3's numbers in ns1 that ns2 does not have; t1's host pid. */
	EXPECT_NE(access(SEED_PROC2 "/5", F_OK), 0);
	EXPECT_NE(access(SEED_PROC2 "/8", F_OK), 0);
	EXPECT_NE(access(SEED_PROC1 "/20002", F_OK), 0);
}

TEST_HARNESS_MAIN
