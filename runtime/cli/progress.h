/*
 * progress.h - a progress line on stderr while a long run judges (progress.c):
 * families judged, the rate, and the time left when the share of the input
 * read is known. Only on a terminal, at most four times a second, from the
 * first second on, and cleared at the end: a log or a pipe gets nothing.
 */
#ifndef EHP_PROGRESS_H
#define EHP_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

typedef struct {
	FILE *f;               /* NULL: no progress shown */
	struct timespec start, last;
	bool shown;            /* a line is on the terminal, to be cleared */
} ehp_progress;

/* On when f is a terminal (and `wanted`: not --quiet), else off. */
void ehp_progress_start(ehp_progress *p, FILE *f, bool wanted);
/* Redraws the line if a quarter of a second has passed since the last;
 * done is the share of the input read, 0 to 1, or < 0 when not known. */
void ehp_progress_tick(ehp_progress *p, unsigned long families, double done);
/* Clears the line, if one was drawn. */
void ehp_progress_end(ehp_progress *p);
/* The line's text: "1200 families judged, 400 a second, 30% of the input
 * read, about 7 s left"; fraction < 0 when the share read is not known. */
void ehp_progress_format(char *buf, size_t cap, unsigned long families, double seconds, double fraction);

#endif
