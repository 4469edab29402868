// SPDX-License-Identifier: GPL-2.0
/*
 * `make run`: builds the example tree of the pidns-hierarchy seed inside the
 * VM (see selftests/seed_tree.h) and shows it the way an administrator sees
 * it: each task's NSpid line through the proc of every namespace, then
 * /proc/pidns_hierarchy where the kernel has it.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pidns_util.h"
#include "seed_tree.h"

static const char *const proc_of_level[] = { "/proc", SEED_PROC1, SEED_PROC2 };
static const char *const ns_name[] = { "init_pid_ns", "ns1", "ns2" };

static void show_nspid_lines(void)
{
	int t, view;

	printf("\nEach task's NSpid: line, read through the proc of each namespace:\n\n");
	printf("  %-7s %-22s %-22s %-22s\n", "task", "/proc (init_pid_ns)",
	       "ns1's proc", "ns2's proc");
	for (t = 0; t < SEED_NR_TASKS; t++) {
		printf("  %-7s", seed_task_names[t]);
		for (view = 0; view < 3; view++) {
			int ids[PIDNS_MAX_IDS], n = 0;
			char task[64], buf[64] = "-";

			if (view < seed_task_levels[t]) {
				if (t == THREAD)
					snprintf(task, sizeof(task), "%d/task/%d",
						 seed_nspid[T5][view], seed_nspid[t][view]);
				else
					snprintf(task, sizeof(task), "%d", seed_nspid[t][view]);
				n = read_status_ids(proc_of_level[view], task, "NSpid", ids,
						    PIDNS_MAX_IDS);
				if (n > 0) {
					strcpy(buf, "NSpid: ");
					format_ids(buf + 7, sizeof(buf) - 7, ids, n);
				}
			}
			printf(" %-22s", buf);
		}
		printf("\n");
	}
}

static void show_seed_table(void)
{
	int t, level;

	printf("The seed's table (host numbers offset by %d: low pids are kernel threads):\n\n",
	       SEED_HOST_BASE);
	printf("  %-7s", "");
	for (level = 0; level < 3; level++)
		printf(" %-12s", ns_name[level]);
	printf("\n");
	for (t = 0; t < SEED_NR_TASKS; t++) {
		printf("  %-7s", seed_task_names[t]);
		for (level = 0; level < seed_task_levels[t]; level++)
			printf(" %-12d", seed_nspid[t][level]);
		printf("\n");
	}
}

/* The file through each namespace's proc: each sees what is below it. */
static void show_hierarchy(void)
{
	int view;

	printf("\n/proc/pidns_hierarchy (init_PID parent_init_PID relative_level ns_id):\n");
	for (view = 0; view < 3; view++) {
		char path[128], line[256];
		FILE *f;

		snprintf(path, sizeof(path), "%s/pidns_hierarchy", proc_of_level[view]);
		f = fopen(path, "r");
		printf("\n  through %s's proc (%s):\n", ns_name[view], path);
		if (!f) {
			printf("    (not in this kernel: the patch that adds it is not in patches/)\n");
			return;
		}
		if (!fgets(line, sizeof(line), f))
			printf("    (empty: no namespace below)\n");
		else
			do
				printf("    %s", line);
			while (fgets(line, sizeof(line), f));
		fclose(f);
	}
}

int main(void)
{
	int ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (seed_tree_build()) {
		seed_tree_release();
		return 1;
	}
	printf("\n");
	show_seed_table();
	show_nspid_lines();
	show_hierarchy();
	printf("\n");
	ret = seed_tree_release();
	return ret ? 1 : 0;
}
