// SPDX-License-Identifier: GPL-2.0
/*
 * pidns_tool_vm_bench PIDNS LSNS_LOADER LSNS_LIBDIR LSNS
 *
 * pidns(1) against lsns(8) on a kernel with the series, in one boot: a
 * container host's load of NAMESPACES pid namespaces of TASKS_PER_NS tasks
 * each (10,000 tasks), then RUNS alternating runs of
 *
 *   tree     "pidns tree"      (/proc/pidns_hierarchy: no pass over the
 *                               tasks at all, no status file);
 *   tree-nprocs  "pidns tree -o NS,LEVEL,INIT,NPROCS,COMMAND": with the task
 *                               count, one /proc/PID/ns/pid link per task;
 *   lsns     "lsns -t pid"     (the host's util-linux, started through its
 *                               own dynamic loader, libraries beside it).
 *
 * Before timing, it checks that both list every namespace it made and that
 * "pidns -v tree" names the kernel file as its source and read no status
 * file: a faster wrong answer is no result.  Prints, for
 * tools/bench/pidns_tool_bench:
 *
 *   tool tasks <tasks in /proc> namespaces <pid namespaces listed>
 *   tool <what> <median_us> min=<us> max=<us> runs=<n>
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NAMESPACES 200
#define TASKS_PER_NS 50
#define RUNS 7

static pid_t inits[NAMESPACES];

static void die(const char *what)
{
	fprintf(stderr, "pidns_tool_vm_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/*
 * One container: an init (pid 1 of a new pid namespace) that forks
 * TASKS_PER_NS - 1 sleepers, reports on READY and sleeps.  Killing the
 * init kills the namespace.
 */
static pid_t start_container(int ready)
{
	pid_t init = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);

	if (init < 0)
		die("clone(CLONE_NEWPID)");
	if (init > 0)
		return init;
	/* However the bench ends, its containers end with it. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL))
		_exit(1);
	for (int i = 1; i < TASKS_PER_NS; i++) {
		pid_t p = fork();

		if (p < 0)
			_exit(1);
		if (p == 0)
			for (;;)
				pause();
	}
	if (write(ready, "", 1) != 1)
		_exit(1);
	for (;;)
		pause();
}

static int count_tasks(void)
{
	FILE *ps = popen("ls -d /proc/[0-9]* | wc -l", "r");
	int n = -1;

	if (!ps || fscanf(ps, "%d", &n) != 1)
		n = -1;
	if (ps)
		pclose(ps);
	return n;
}

/* Runs ARGV with its stdout on OUT_FD and its stderr on ERR_FD: its exit code. */
static int run(char *const argv[], int out_fd, int err_fd)
{
	int status;
	pid_t p = fork();

	if (p < 0)
		die("fork");
	if (p == 0) {
		dup2(out_fd, STDOUT_FILENO);
		dup2(err_fd, STDERR_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	if (waitpid(p, &status, 0) < 0)
		die("waitpid");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The output of ARGV (stdout, or stderr with WANT_ERR), in a static buffer. */
static const char *output_of(char *const argv[], int want_err)
{
	static char buf[1 << 20];
	int fd = memfd_create("out", 0), null = open("/dev/null", O_WRONLY);
	ssize_t n;

	if (fd < 0 || null < 0)
		die("memfd_create");
	if (run(argv, want_err ? null : fd, want_err ? fd : null)) {
		fprintf(stderr, "pidns_tool_vm_bench: %s failed\n", argv[0]);
		exit(1);
	}
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	close(null);
	return buf;
}

static int lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void report(const char *what, double *t, int n)
{
	qsort(t, n, sizeof(*t), cmp_double);
	printf("tool %s %.0f min=%.0f max=%.0f runs=%d\n", what, t[n / 2], t[0], t[n - 1], n);
}

int main(int argc, char **argv)
{
	char *tree[] = { argv[1], "tree", NULL };
	char *tree_ns[] = { argv[1], "tree", "-n", "-o", "NS", NULL };
	char *tree_verbose[] = { argv[1], "-v", "tree", "-o", "NS,NPROCS", NULL };
	char *tree_nprocs[] = { argv[1], "tree", "-o", "NS,LEVEL,INIT,NPROCS,COMMAND", NULL };
	char *lsns[] = { argv[2], "--library-path", argv[3], argv[4], "-t", "pid", NULL };
	char *lsns_ns[] = { argv[2], "--library-path", argv[3], argv[4], "-t", "pid",
			    "-n", "-o", "NS", NULL };
	double t_tree[RUNS], t_lsns[RUNS], t_nprocs[RUNS];
	int ready[2], null, listed;
	const char *v;
	char c;

	if (argc != 5) {
		fprintf(stderr, "usage: pidns_tool_vm_bench PIDNS LSNS_LOADER LSNS_LIBDIR LSNS\n");
		return 2;
	}
	if (pipe(ready))
		die("pipe");
	for (int i = 0; i < NAMESPACES; i++)
		inits[i] = start_container(ready[1]);
	for (int i = 0; i < NAMESPACES; i++)
		if (read(ready[0], &c, 1) != 1)
			die("a container did not start");

	listed = lines(output_of(tree_ns, 0));
	if (listed <= NAMESPACES || lines(output_of(lsns_ns, 0)) != listed) {
		fprintf(stderr, "pidns_tool_vm_bench: pidns tree lists %d namespaces, lsns %d, made %d\n",
			listed, lines(output_of(lsns_ns, 0)), NAMESPACES);
		return 1;
	}
	v = output_of(tree_verbose, 1);
	if (!strstr(v, "source: /proc/pidns_hierarchy;") || !strstr(v, " 0 status files read")) {
		fprintf(stderr, "pidns_tool_vm_bench: pidns -v tree says: %s", v);
		return 1;
	}
	printf("tool tasks %d namespaces %d\n", count_tasks(), listed);
	printf("tool source %s", strstr(v, "source: "));

	null = open("/dev/null", O_WRONLY);
	for (int r = 0; r < RUNS; r++) {
		double t0 = now_us();

		if (run(tree, null, null))
			die("pidns tree");
		t_tree[r] = now_us() - t0;
		t0 = now_us();
		if (run(lsns, null, null))
			die("lsns -t pid");
		t_lsns[r] = now_us() - t0;
		t0 = now_us();
		if (run(tree_nprocs, null, null))
			die("pidns tree -o NS,LEVEL,INIT,NPROCS,COMMAND");
		t_nprocs[r] = now_us() - t0;
	}
	report("tree", t_tree, RUNS);
	report("lsns", t_lsns, RUNS);
	report("tree-nprocs", t_nprocs, RUNS);

	for (int i = 0; i < NAMESPACES; i++)
		kill(inits[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	return 0;
}
