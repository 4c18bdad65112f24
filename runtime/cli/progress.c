/*
 * progress.c - the progress line (progress.h). The line is rewritten in
 * place (carriage return, then "erase to end of line"), so it never scrolls
 * and leaves nothing behind once cleared.
 */
#include <unistd.h>
#include "progress.h"

enum { FIRST_AFTER_MS = 1000, EVERY_MS = 250 };

static double since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void ehp_progress_start(ehp_progress *p, FILE *f, bool wanted)
{
	*p = (ehp_progress){ .f = wanted && f && isatty(fileno(f)) ? f : NULL };
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
}

/* "7 s", "2 min 5 s", "1 h 20 min". */
static int duration(char *buf, size_t cap, double s)
{
	long t = (long)(s + 0.5);
	if (t < 60)
		return snprintf(buf, cap, "%ld s", t);
	if (t < 3600)
		return snprintf(buf, cap, "%ld min %ld s", t / 60, t % 60);
	return snprintf(buf, cap, "%ld h %ld min", t / 3600, t % 3600 / 60);
}

void ehp_progress_format(char *buf, size_t cap, unsigned long families, double seconds, double fraction)
{
	int n = snprintf(buf, cap, "%lu famil%s judged", families, families == 1 ? "y" : "ies");
	if (n >= 0 && (size_t)n < cap && seconds > 0)
		n += snprintf(buf + n, cap - (size_t)n, ", %.0f a second", families / seconds);
	if (fraction < 0 || n < 0 || (size_t)n >= cap)
		return;
	if (fraction > 1)
		fraction = 1;
	n += snprintf(buf + n, cap - (size_t)n, ", %.0f%% of the input read", 100 * fraction);
	if (fraction >= 0.01 && fraction < 1 && seconds > 0 && n >= 0 && (size_t)n < cap) {
		n += snprintf(buf + n, cap - (size_t)n, ", about ");
		if (n >= 0 && (size_t)n < cap)
			n += duration(buf + n, cap - (size_t)n, seconds * (1 - fraction) / fraction);
		if (n >= 0 && (size_t)n < cap)
			snprintf(buf + n, cap - (size_t)n, " left");
	}
}

void ehp_progress_tick(ehp_progress *p, unsigned long families, double done)
{
	if (!p || !p->f)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double elapsed = since(&p->start, &now);
	if (elapsed * 1000 < FIRST_AFTER_MS || (p->shown && since(&p->last, &now) * 1000 < EVERY_MS))
		return;
	p->last = now;
	char line[160];
	ehp_progress_format(line, sizeof line, families, elapsed, done);
	fprintf(p->f, "\r%s\033[K", line);
	fflush(p->f);
	p->shown = true;
}

void ehp_progress_end(ehp_progress *p)
{
	if (p->f && p->shown) {
		fputs("\r\033[K", p->f);
		fflush(p->f);
	}
	p->shown = false;
}
