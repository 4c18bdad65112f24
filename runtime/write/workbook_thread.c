/*
 * workbook_thread.c - results.xlsx filled on a thread of its own
 * (workbook.h). libxlsxwriter's work (each cell's XML, then deflating the
 * sheets) costs more than judging the families, so the workbook is filled
 * while they are judged rather than after: the run hands over each batch's
 * CSV text in the order it writes it, through a queue bounded in bytes,
 * and this thread types the cells (workbook.c). Only this thread touches
 * the library until it is joined; then the calling thread writes the
 * Summary, which needs the whole run, and closes the workbook.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "output.h"
#include "tidy.h"
#include "workbook_xlsx.h"

/* How far the workbook may fall behind the run before the run waits: a
 * few batches' text, so memory stays bounded whatever the extract. */
enum { MAX_QUEUED = 8u << 20 };

enum { RESTART = -1 }; /* an item that is no rows: start the sheets again */

typedef struct item {
	struct item *next;
	int sheet; /* an ehp_sheet, or RESTART */
	char *text;
	size_t len;
} item;

struct ehp_workbook {
	char path[64];          /* /proc/self/fd/N: the output's temporary file */
	const ehp_plan *plan;
	ehp_date claim;
	ehp_xlsx *xlsx;         /* the thread's until joined */
	char err[512];          /* the first failure, the thread's until joined */
	bool failed;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t more;    /* an item was queued, or done */
	pthread_cond_t room;    /* the queue shrank */
	item *head, *tail;
	size_t queued;          /* bytes of text in the queue */
	bool done;              /* nothing more will be queued */
};

/* The text one of the run's writers makes, for the sheets' first rows. */
static void written_by(ehp_xlsx *x, ehp_sheet sheet, void (*write)(FILE *f), const ehp_plan *plan)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		ehp_die("cannot open a memory stream: %s", strerror(errno));
	if (write)
		write(f);
	else
		ehp_plan_rows_write(f, plan);
	fclose(f);
	ehp_xlsx_rows(x, sheet, text, len);
	free(text);
}

/* A new workbook with the data sheets' headers, and the plan's rows
 * whole (they do not depend on the data). */
static ehp_xlsx *begin(ehp_workbook *wb, char *err, size_t errlen)
{
	ehp_xlsx *x = ehp_xlsx_new(wb->path, wb->plan, wb->claim, err, errlen);
	if (!x)
		return NULL;
	written_by(x, EHP_SHEET_RESULTS, ehp_results_header, NULL);
	written_by(x, EHP_SHEET_INDICATORS, ehp_indicators_header, NULL);
	written_by(x, EHP_SHEET_OUTCOMES, ehp_outcomes_header, NULL);
	written_by(x, EHP_SHEET_PLAN_ROWS, NULL, wb->plan);
	return x;
}

/* Keeps the first failure; the thread goes on taking items (and freeing
 * them) so the run never waits on a workbook that has failed. */
static void failed(ehp_workbook *wb, const char *msg)
{
	if (!wb->failed)
		snprintf(wb->err, sizeof wb->err, "%s", msg);
	wb->failed = true;
}

static void *fill(void *arg)
{
	ehp_workbook *wb = arg;
	pthread_mutex_lock(&wb->mu);
	for (;;) {
		while (!wb->head && !wb->done)
			pthread_cond_wait(&wb->more, &wb->mu);
		item *it = wb->head;
		if (!it)
			break;
		wb->head = it->next;
		if (!wb->head)
			wb->tail = NULL;
		pthread_mutex_unlock(&wb->mu);
		if (it->sheet == RESTART && wb->xlsx) {
			/* The rows so far are forgotten: that workbook is closed
			 * unread (the library frees it only so), a new one begun. */
			char msg[512];
			ehp_xlsx_close(wb->xlsx, NULL, NULL, NULL, msg, sizeof msg);
			if (!(wb->xlsx = begin(wb, msg, sizeof msg)))
				failed(wb, msg);
		} else if (it->sheet != RESTART && wb->xlsx) {
			ehp_xlsx_rows(wb->xlsx, (ehp_sheet)it->sheet, it->text, it->len);
		}
		pthread_mutex_lock(&wb->mu);
		wb->queued -= it->len;
		pthread_cond_signal(&wb->room);
		free(it->text);
		free(it);
	}
	pthread_mutex_unlock(&wb->mu);
	return NULL;
}

int ehp_workbook_start(ehp_workbook **out_wb, ehp_outfile *out, const ehp_plan *plan, ehp_date claim, char *err,
                       size_t errlen)
{
	*out_wb = NULL;
	if (fflush(out->f) != 0) {
		snprintf(err, errlen, "%s: write failed: %s", out->path, strerror(errno));
		return -1;
	}
	ehp_workbook *wb = ehp_xcalloc(1, sizeof *wb);
	snprintf(wb->path, sizeof wb->path, "/proc/self/fd/%d", fileno(out->f));
	wb->plan = plan;
	wb->claim = claim;
	if (!(wb->xlsx = begin(wb, err, errlen))) {
		free(wb);
		return -1;
	}
	pthread_mutex_init(&wb->mu, NULL);
	pthread_cond_init(&wb->more, NULL);
	pthread_cond_init(&wb->room, NULL);
	int e = pthread_create(&wb->thread, NULL, fill, wb);
	if (e != 0) {
		snprintf(err, errlen, "results.xlsx: cannot start its thread: %s", strerror(e));
		ehp_xlsx_close(wb->xlsx, NULL, NULL, NULL, wb->err, sizeof wb->err);
		pthread_mutex_destroy(&wb->mu);
		pthread_cond_destroy(&wb->more);
		pthread_cond_destroy(&wb->room);
		free(wb);
		return -1;
	}
	*out_wb = wb;
	return 0;
}

static void queue(ehp_workbook *wb, int sheet, char *text, size_t len)
{
	item *it = ehp_xmalloc(sizeof *it);
	*it = (item){ .sheet = sheet, .text = text, .len = len };
	pthread_mutex_lock(&wb->mu);
	while (wb->queued && wb->queued + len > MAX_QUEUED)
		pthread_cond_wait(&wb->room, &wb->mu);
	if (wb->tail)
		wb->tail->next = it;
	else
		wb->head = it;
	wb->tail = it;
	wb->queued += len;
	pthread_cond_signal(&wb->more);
	pthread_mutex_unlock(&wb->mu);
}

void ehp_workbook_rows(ehp_workbook *wb, ehp_sheet sheet, char *text, size_t len)
{
	if (!len) {
		free(text);
		return;
	}
	queue(wb, (int)sheet, text, len);
}

void ehp_workbook_restart(ehp_workbook *wb)
{
	queue(wb, RESTART, NULL, 0);
}

/* Lets the thread finish what is queued and joins it. */
static void join(ehp_workbook *wb)
{
	pthread_mutex_lock(&wb->mu);
	wb->done = true;
	pthread_cond_signal(&wb->more);
	pthread_mutex_unlock(&wb->mu);
	pthread_join(wb->thread, NULL);
	pthread_mutex_destroy(&wb->mu);
	pthread_cond_destroy(&wb->more);
	pthread_cond_destroy(&wb->room);
}

int ehp_workbook_finish(ehp_workbook *wb, const ehp_receipt *rec, const char *run_id, const ehp_counts *counts,
                        char *err, size_t errlen)
{
	join(wb);
	int rc = -1;
	if (wb->failed) {
		snprintf(err, errlen, "%s", wb->err);
		if (wb->xlsx)
			ehp_xlsx_close(wb->xlsx, NULL, NULL, NULL, wb->err, sizeof wb->err);
	} else {
		rc = ehp_xlsx_close(wb->xlsx, rec, run_id, counts, err, errlen);
	}
	free(wb);
	return rc;
}

void ehp_workbook_abort(ehp_workbook *wb)
{
	if (!wb)
		return;
	join(wb);
	if (wb->xlsx)
		ehp_xlsx_close(wb->xlsx, NULL, NULL, NULL, wb->err, sizeof wb->err);
	free(wb);
}
