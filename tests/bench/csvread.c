/*
 * csvread.c - the CSV reader's speed alone (not part of make check):
 *   make && cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Iruntime tests/bench/csvread.c \
 *      build/libehp.a -lnettle -o /tmp/csvread
 *   /tmp/csvread FILE [--hash] [--block BYTES] [--once]
 * (-DCSV_NO_HASH builds it against a reader without csv_hash and
 * csv_open_sized, such as the one before them, to compare.)
 * Reads FILE with csv_next, counts rows, fields and field bytes, and prints
 * MB/s of CPU time (best of three passes; the file should be in the page
 * cache; CPU time, as other work on the machine makes wall time noisy).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "csv.h"

static double now(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: csvread FILE [--hash] [--block BYTES] [--once]\n");
		return 2;
	}
	int hash = 0, once = 0;
	size_t block = 1 << 20;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--hash"))
			hash = 1;
		else if (!strcmp(argv[i], "--once")) /* a pipe can be read once */
			once = 1;
		else if (!strcmp(argv[i], "--block") && i + 1 < argc)
			block = strtoul(argv[++i], NULL, 0);
	}
	double best = 0;
	for (int pass = 0; pass < 3; pass++) {
		FILE *f = fopen(argv[1], "rb");
		if (!f) {
			perror(argv[1]);
			return 2;
		}
		double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
		csv_reader r;
#ifndef CSV_NO_HASH
		csv_open_sized(&r, f, argv[1], block);
		csv_hash(&r, hash);
#else
		(void)block;
		(void)hash;
		csv_open(&r, f, argv[1]);
#endif
		unsigned long long rows = 0, fields = 0, flen = 0, bytes = 0;
		while (csv_next(&r)) {
			rows++;
			fields += r.n_fields;
			for (size_t i = 0; i < r.n_fields; i++)
				flen += csv_len(&r, i);
		}
		char hex[65] = "-";
#ifndef CSV_NO_HASH
		uint64_t nb = 0;
		if (hash)
			csv_digest(&r, hex, &nb);
#endif
		csv_close(&r);
		bytes = (unsigned long long)ftell(f);
#ifndef CSV_NO_HASH
		if (hash)
			bytes = nb; /* ftell does not work on a pipe */
#endif
		fclose(f);
		double t = now(CLOCK_MONOTONIC) - t0, c = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
		double mbs = (double)bytes / 1e6 / c;
		if (mbs > best)
			best = mbs;
		printf("%llu bytes %llu rows %llu fields %llu field bytes  %.3f s wall %.3f s CPU  %.0f MB/s of CPU  %s\n",
		       bytes, rows, fields, flen, t, c, mbs, hex);
		fflush(stdout);
		if (once)
			break;
	}
	printf("best %.0f MB/s of CPU time\n", best);
	return 0;
}
