// SPDX-License-Identifier: GPL-2.0
/*
 * PID 1 of the test VM.
 *
 * Runs the programs listed in /etc/plan one after the other, copying their
 * output to the console (ttyS0, interleaved with the kernel log, for people)
 * and to the results port (ttyS1, only test output, for the host's parser).
 * Each program is bounded by its own timeout.  Only when every program has
 * been run does it print the end marker on the results port: a VM that
 * panics, hangs or dies on the way never produces it, and the host counts
 * that as a failure.
 *
 * /etc/plan: one program per line, "TIMEOUT_SECONDS NAME PATH [ARG...]".
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define END_MARKER "PIDNS-VM-END"
#define MAX_ARGS 32

static int results_fd = -1;

static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		buf += n;
		len -= n;
	}
}

/* Output meant for both the console and the results port. */
static void emit(const char *buf, size_t len)
{
	write_all(STDOUT_FILENO, buf, len);
	if (results_fd >= 0)
		write_all(results_fd, buf, len);
}

static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (len > (int)sizeof(line) - 1)
		len = sizeof(line) - 1;
	emit(line, len);
}

static void mount_or_warn(const char *src, const char *dst, const char *type,
			  unsigned long flags, const char *data)
{
	mkdir(dst, 0755);
	if (mount(src, dst, type, flags, data))
		say("# pidns-vm: mount %s on %s: %s\n", type, dst, strerror(errno));
}

static void setup_filesystems(void)
{
	mount_or_warn("proc", "/proc", "proc", 0, NULL);
	mount_or_warn("sysfs", "/sys", "sysfs", 0, NULL);
	mount_or_warn("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount_or_warn("tmpfs", "/tmp", "tmpfs", 0, NULL);
	mount_or_warn("tmpfs", "/run", "tmpfs", 0, NULL);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Reap whatever was reparented to us; tests leave orphans behind. */
static void reap_orphans(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static void run_one(int timeout, const char *name, char **argv)
{
	double deadline = now() + timeout, started = now();
	int pipefd[2], status = 0, timed_out = 0;
	char buf[4096];
	pid_t pid;

	say("# pidns-vm: run %s\n", name);
	if (pipe(pipefd)) {
		say("# pidns-vm: exit %s error=pipe\n", name);
		return;
	}
	pid = fork();
	if (pid == 0) {
		char dir[256], *slash;

		setsid();
		dup2(pipefd[1], STDOUT_FILENO);
		dup2(pipefd[1], STDERR_FILENO);
		close(pipefd[0]);
		close(pipefd[1]);
		/* Upstream selftests expect to start in their own directory. */
		snprintf(dir, sizeof(dir), "%s", argv[0]);
		slash = strrchr(dir, '/');
		if (slash) {
			*slash = '\0';
			if (chdir(dir))
				_exit(127);
		}
		execv(argv[0], argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);

	for (;;) {
		struct pollfd pfd = { .fd = pipefd[0], .events = POLLIN };
		int left = (int)((deadline - now()) * 1000);
		ssize_t n;

		if (left <= 0) {
			timed_out = 1;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			break;
		}
		if (poll(&pfd, 1, left) <= 0)
			continue;
		n = read(pipefd[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		emit(buf, n);
	}
	close(pipefd[0]);
	/*
	 * EOF on the pipe does not mean the program exited (it may have closed
	 * its output), and a daemonised grandchild may hold the pipe after it
	 * did; wait for the program itself, within what is left of its time.
	 */
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (now() > deadline) {
			timed_out = 1;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		usleep(10000);
	}
	kill(-pid, SIGKILL);
	reap_orphans();

	if (timed_out)
		say("# pidns-vm: exit %s timeout=%d\n", name, timeout);
	else if (WIFSIGNALED(status))
		say("# pidns-vm: exit %s signal=%d\n", name, WTERMSIG(status));
	else
		say("# pidns-vm: exit %s status=%d seconds=%.1f\n", name,
		    WEXITSTATUS(status), now() - started);
}

static void run_plan(const char *path)
{
	char line[1024];
	FILE *plan = fopen(path, "r");

	if (!plan) {
		say("# pidns-vm: cannot open %s: %s\n", path, strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), plan)) {
		char *argv[MAX_ARGS + 1], *name, *tok, *save;
		int argc = 0, timeout;

		tok = strtok_r(line, " \t\n", &save);
		if (!tok || tok[0] == '#')
			continue;
		timeout = atoi(tok);
		name = strtok_r(NULL, " \t\n", &save);
		while (argc < MAX_ARGS && (tok = strtok_r(NULL, " \t\n", &save)))
			argv[argc++] = tok;
		argv[argc] = NULL;
		if (timeout <= 0 || !name || argc == 0) {
			say("# pidns-vm: malformed plan line for %s\n", name ? name : "?");
			continue;
		}
		run_one(timeout, name, argv);
	}
	fclose(plan);
}

int main(void)
{
	setup_filesystems();
	setenv("PATH", "/bin:/sbin:/usr/bin:/tests", 1);
	setenv("HOME", "/tmp", 1);

	results_fd = open("/dev/ttyS1", O_WRONLY | O_NOCTTY);
	if (results_fd < 0)
		say("# pidns-vm: no results port /dev/ttyS1: %s\n", strerror(errno));

	say("# pidns-vm: %ld cpus online\n", sysconf(_SC_NPROCESSORS_ONLN));
	run_plan("/etc/plan");
	sync();
	say("%s\n", END_MARKER);

	/*
	 * QEMU runs with -no-reboot, so a reset ends it; a power-off would
	 * need ACPI sleep support, which the small test kernel leaves out.
	 */
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}
