// Syscall-heavy loops for the live-capture benchmark: prints the CPU time (user+sys, where the
// probe runs) the loop took in ns; steadier than wall time on a shared, loaded machine.
//   loop open N      N x (openat + read + close) of /etc/hostname
//   loop getppid N   N x getppid (a real syscall every time)
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long long now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	long n = atol(argv[2]);
	char buf[64];
	long long t0 = now();
	if (strcmp(argv[1], "open") == 0) {
		for (long i = 0; i < n; i++) {
			int fd = openat(AT_FDCWD, "/etc/hostname", O_RDONLY);
			if (read(fd, buf, sizeof(buf)) < 0)
				return 1;
			close(fd);
		}
	} else {
		for (long i = 0; i < n; i++)
			syscall(SYS_getppid);
	}
	printf("%lld\n", now() - t0);
	return 0;
}
