/*
 * run.c - the extract judged batch by batch on several threads (run.h).
 *
 * The calling thread reads: it fills a free slot with a batch of families
 * and hands it on. Worker threads judge filled slots, each writing its
 * results and evidence into the slot's own memory. The calling thread writes
 * judged slots out strictly in the order they were read, and when every
 * slot is busy it judges one itself rather than wait. Memory is the slots'
 * batches and texts: a few batches per thread, whatever the extract.
 *
 * Files sorted by family_id are read on the threads too (chunks.h): the
 * calling thread only reads each chunk's bytes, hashing them, into a slot;
 * the thread that judges the slot reads its rows into families first; the
 * calling thread takes the chunks back in order as it writes them. A chunk
 * in doubt sends everything back to the top, read on the calling thread.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "evidence_json.h"
#include "due.h"
#include "chunks.h"
#include "explain.h"
#include "mem.h"
#include "output.h"
#include "run.h"
#include "tidy.h"

/* A batch: enough families that handing one on costs little against
 * judging them, few enough that the slots stay small. */
enum { BATCH_FAMILIES = 256, BATCH_RECORDS = 16384 };

typedef enum { FREE, FILLED, JUDGING, JUDGED } slot_state;

typedef struct {
	char *text;
	size_t len;
	FILE *f;
} membuf;

typedef struct {
	ehp_batch batch;
	slot_state state;
	size_t seq;
	membuf explanation;
	/* the batch's lines of each output; emptied, not freed, once written */
	ehp_buf results, indicators, outcomes;
	ehp_json evidence;
	ehp_tally_sheet sum;
	uint64_t sample_bound;  /* the audit sample's bound when the slot was taken to judge */
	ehp_sampled *sampled;   /* its claimable families that may enter the sample, explained */
	size_t n_sampled, cap_sampled;
	ehp_chunk *chunk;      /* rows to read before judging them (chunks.h), or NULL */
} slot;

/* What one thread needs to judge a family, reused from family to family. */
typedef struct {
	ehp_family fam;
	ehp_results res;
	ehp_trace trace;
	ehp_evidence_writer evidence;
	ehp_trace due_trace;   /* outcomes judged again for the day they can be judged (due.h) */
	ehp_date *due;
	size_t cap_due;
	ehp_family_cells cells; /* the family's own cells, quoted once for every file */
} judge_state;

typedef struct {
	ehp_run *run;
	ehp_chunks *chunks;    /* the input read in chunks, or NULL */
	slot *slots;
	int n_slots;
	size_t next_seq, next_write;
	uint64_t sample_bound;  /* ehp_sample_bound of the sample as written so far */
	bool stop;
	pthread_mutex_t mu;
	pthread_cond_t work;   /* a slot was filled, or stop */
	pthread_cond_t judged; /* a slot was judged */
} pipeline;

static void mem_open(membuf *m)
{
	m->text = NULL;
	m->len = 0;
	if (!(m->f = open_memstream(&m->text, &m->len)))
		ehp_die("cannot open a memory stream: %s", strerror(errno));
}

static void mem_close(membuf *m)
{
	if (m->f)
		fclose(m->f);
	m->f = NULL;
}

static void mem_free(membuf *m)
{
	mem_close(m);
	free(m->text);
	*m = (membuf){ 0 };
}

static void tally(ehp_tally_sheet *s, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res,
                  const ehp_date *due)
{
	ehp_counts_family(&s->counts, fam, res, due);
	s->families++;
	s->eligible += res->eligible == EHP_TRUE;
	s->claimable += res->claimable == EHP_TRUE;
	s->incomplete += ehp_family_incomplete(fam);
	s->already_claimed += res->claimed != NULL;
	uint64_t seen = 0; /* themes counted for this family (plans have few) */
	for (size_t v = 0; v < res->n_ind; v++) {
		if (res->ind[v].met != EHP_TRUE)
			continue;
		int t = plan->indicators[res->ind[v].indicator].theme;
		if (t < 64 && (seen >> t & 1))
			continue;
		if (t < 64)
			seen |= UINT64_C(1) << t;
		else /* beyond 64 themes: count it once, the slow way */
			for (size_t u = 0; u < v; u++)
				if (res->ind[u].met == EHP_TRUE && plan->indicators[res->ind[u].indicator].theme == t)
					goto counted;
		s->theme[t]++;
	counted:;
	}
}

static void sheet_add(ehp_tally_sheet *to, const ehp_tally_sheet *from, int n_themes)
{
	to->families += from->families;
	to->eligible += from->eligible;
	to->claimable += from->claimable;
	to->incomplete += from->incomplete;
	to->already_claimed += from->already_claimed;
	for (int t = 0; t < n_themes; t++)
		to->theme[t] += from->theme[t];
	ehp_counts_add(&to->counts, &from->counts);
}

static void sheet_clear(ehp_tally_sheet *s, int n_themes)
{
	unsigned long *theme = s->theme;
	ehp_counts counts = s->counts;
	*s = (ehp_tally_sheet){ .theme = theme, .counts = counts };
	memset(theme, 0, (size_t)n_themes * sizeof *theme);
	ehp_counts_clear(&s->counts);
}

/* A claimable family that may enter the audit sample, with its explanation. */
static void keep_candidate(slot *s, const ehp_run *run, uint64_t rank, const ehp_eval *ev, judge_state *js)
{
	membuf m;
	mem_open(&m);
	ehp_explain_family(m.f, run->plan, run->council_files, ev, &js->res, &js->trace);
	mem_close(&m);
	s->sampled = ehp_reserve(s->sampled, &s->cap_sampled, s->n_sampled + 1, sizeof *s->sampled);
	s->sampled[s->n_sampled++] = (ehp_sampled){ rank, ehp_xprintf("%s", js->fam.id), m.text };
}

/* Takes a filled slot to judge (lock held). */
static void take_slot(pipeline *pl, slot *s)
{
	s->state = JUDGING;
	s->sample_bound = pl->sample_bound;
}

static void judge_slot(const ehp_run *run, slot *s, judge_state *js)
{
	const ehp_plan *plan = run->plan;
	sheet_clear(&s->sum, plan->n_themes);
	if (s->chunk && !ehp_chunk_read(s->chunk, &s->batch))
		return; /* in doubt: nothing of it will be written */
	if (!run->judge) {
		s->sum.families = s->batch.n_families;
		return;
	}
	for (size_t i = 0; i < s->batch.n_families; i++) {
		if (i + 1 < s->batch.n_families) { /* the next family's remembered windows and verdicts fetched meanwhile */
			const ehp_batch_family *next = &s->batch.families[i + 1];
			ehp_evaluate_prefetch(plan, &js->res, next->entry, next->closure, run->claim);
		}
		ehp_batch_view(&s->batch, i, &js->fam);
		bool explained = run->explain && !strcmp(js->fam.id, run->explain);
		/* Only a family ranked within the sample's bound can enter it:
		 * only such a family is explained, if claimable. */
		uint64_t rank = run->sample ? ehp_sample_rank(run->sample->seed, js->fam.id) : UINT64_MAX;
		bool sampling = run->sample && rank <= s->sample_bound;
		/* A family explained keeps each member's evidence their own: the
		 * explanation names whose records every test read. evidence.jsonl
		 * is the same either way (evidence_json.c compares contents). */
		ehp_eval ev = { .fam = &js->fam, .claim = run->claim, .cal = run->cal, .params = run->params,
		                .claims = run->claims,
		                .trace = run->evidence || explained || sampling ? &js->trace : NULL,
		                .share_evidence = !explained && !sampling };
		js->trace.n = 0;
		ehp_evaluate_family(plan, &ev, &js->res);
		js->due = ehp_reserve(js->due, &js->cap_due, js->res.n_out + 1, sizeof *js->due);
		ehp_outcomes_due(plan, &ev, &js->res, &js->due_trace, js->due);
		if (explained) {
			mem_open(&s->explanation);
			ehp_explain_family(s->explanation.f, plan, run->council_files, &ev, &js->res, &js->trace);
			mem_close(&s->explanation);
		}
		if (sampling && js->res.claimable == EHP_TRUE)
			keep_candidate(s, run, rank, &ev, js);
		ehp_family_cells_begin(&js->cells, &js->fam);
		ehp_results_row_with(&s->results, plan, &js->cells, &js->res);
		if (run->evidence)
			ehp_evidence_json_family(&js->evidence, &s->evidence, plan, &js->fam, &js->res, &js->trace);
		if (run->indicators)
			ehp_indicators_rows_with(&s->indicators, plan, &js->cells, &js->res);
		if (run->outcomes)
			ehp_outcomes_rows_with(&s->outcomes, plan, &js->cells, &js->res, js->due);
		tally(&s->sum, plan, &js->fam, &js->res, js->due);
	}
}

static void judge_state_free(judge_state *js)
{
	ehp_results_free(&js->res);
	ehp_trace_free(&js->trace);
	ehp_evidence_writer_free(&js->evidence);
	ehp_trace_free(&js->due_trace);
	free(js->due);
	ehp_family_cells_free(&js->cells);
}

static void *worker(void *arg)
{
	pipeline *pl = arg;
	judge_state js = { .evidence.name_files = pl->run->council_files != NULL };
	pthread_mutex_lock(&pl->mu);
	for (;;) {
		slot *s = NULL;
		for (int k = 0; k < pl->n_slots; k++) /* the earliest filled, so writing never waits long */
			if (pl->slots[k].state == FILLED && (!s || pl->slots[k].seq < s->seq))
				s = &pl->slots[k];
		if (!s) {
			if (pl->stop)
				break;
			pthread_cond_wait(&pl->work, &pl->mu);
			continue;
		}
		take_slot(pl, s);
		pthread_mutex_unlock(&pl->mu);
		judge_slot(pl->run, s, &js);
		pthread_mutex_lock(&pl->mu);
		s->state = JUDGED;
		pthread_cond_broadcast(&pl->judged);
	}
	pthread_mutex_unlock(&pl->mu);
	judge_state_free(&js);
	return NULL;
}

static int put(FILE *f, const char *text, size_t len)
{
	return !f || !len || fwrite(text, 1, len, f) == len ? 0 : -1;
}

/* A slot's text handed to results.xlsx, which takes the buffer over: the
 * slot starts a new one. */
static void to_workbook(ehp_workbook *wb, ehp_sheet sheet, ehp_buf *b)
{
	if (b->len)
		ehp_workbook_rows(wb, sheet, b->p, b->len);
	else
		free(b->p);
	*b = (ehp_buf){ 0 };
}

/* What writing judged slots came to: WRITE_AGAIN when a chunk was in
 * doubt and the input is to be read again from the top on one thread. */
enum { WRITE_OK = 0, WRITE_FAILED = -1, WRITE_AGAIN = 1 };

/* Writes out the judged slots that come next, in order (the calling thread
 * only; the lock is held on entry and exit). */
static int write_judged(pipeline *pl, char *err, size_t errlen)
{
	ehp_run *run = pl->run;
	for (;;) {
		slot *s = NULL;
		for (int k = 0; k < pl->n_slots && !s; k++)
			if (pl->slots[k].state == JUDGED && pl->slots[k].seq == pl->next_write)
				s = &pl->slots[k];
		if (!s)
			return WRITE_OK;
		pthread_mutex_unlock(&pl->mu);
		if (s->chunk) { /* its rejects first, so they join the run's in file order */
			int took = ehp_chunks_take(pl->chunks, s->chunk, err, errlen);
			s->chunk = NULL;
			if (took != EHP_READ_MORE) {
				pthread_mutex_lock(&pl->mu);
				return took == EHP_READ_RESTART ? WRITE_AGAIN : WRITE_FAILED;
			}
		}
		const char *failed = put(run->results, s->results.p, s->results.len)         ? run->results_name
		                     : put(run->evidence, s->evidence.p, s->evidence.len)         ? run->evidence_name
		                     : put(run->indicators, s->indicators.p, s->indicators.len) ? run->indicators_name
		                     : put(run->outcomes, s->outcomes.p, s->outcomes.len)       ? run->outcomes_name
		                                                                                   : NULL;
		int saved = errno;
		if (run->workbook && !failed) { /* the same text, in the same order, taken over */
			to_workbook(run->workbook, EHP_SHEET_RESULTS, &s->results);
			to_workbook(run->workbook, EHP_SHEET_INDICATORS, &s->indicators);
			to_workbook(run->workbook, EHP_SHEET_OUTCOMES, &s->outcomes);
		}
		sheet_add(&run->sum, &s->sum, run->plan->n_themes);
		if (s->explanation.text) {
			free(run->explanation);
			run->explanation = s->explanation.text;
			run->explanation_len = s->explanation.len;
			s->explanation = (membuf){ 0 };
		}
		for (size_t k = 0; k < s->n_sampled; k++) { /* offered in the order read: the sample takes the text */
			ehp_sample_offer(run->sample, s->sampled[k].rank, s->sampled[k].id, s->sampled[k].text);
			free(s->sampled[k].id);
		}
		s->n_sampled = 0;
		s->results.len = s->evidence.len = s->indicators.len = s->outcomes.len = 0;
		ehp_batch_clear(&s->batch);
		pthread_mutex_lock(&pl->mu);
		s->state = FREE;
		pl->next_write++;
		if (run->sample)
			pl->sample_bound = ehp_sample_bound(run->sample);
		if (failed) {
			snprintf(err, errlen, "%s: write failed: %s", failed, strerror(saved));
			return WRITE_FAILED;
		}
	}
}

/* Waits for a free slot, judging a filled one meanwhile if there is one
 * (lock held). */
static slot *free_slot(pipeline *pl, judge_state *js, char *err, size_t errlen, int *rc)
{
	for (;;) {
		if ((*rc = write_judged(pl, err, errlen)) != 0)
			return NULL;
		for (int k = 0; k < pl->n_slots; k++)
			if (pl->slots[k].state == FREE)
				return &pl->slots[k];
		slot *s = NULL;
		for (int k = 0; k < pl->n_slots; k++)
			if (pl->slots[k].state == FILLED && (!s || pl->slots[k].seq < s->seq))
				s = &pl->slots[k];
		if (s) {
			take_slot(pl, s);
			pthread_mutex_unlock(&pl->mu);
			judge_slot(pl->run, s, js);
			pthread_mutex_lock(&pl->mu);
			s->state = JUDGED;
		} else {
			pthread_cond_wait(&pl->judged, &pl->mu);
		}
	}
}

/* Until every slot handed on is judged and written (lock held). */
static int drain(pipeline *pl, judge_state *js, char *err, size_t errlen)
{
	int rc = 0;
	while (pl->next_write < pl->next_seq) {
		slot *s = free_slot(pl, js, err, errlen, &rc);
		if (rc)
			return rc;
		if (pl->next_write < pl->next_seq) { /* nothing filled left to help with: wait */
			bool busy = false;
			for (int k = 0; k < pl->n_slots; k++)
				busy = busy || pl->slots[k].state == JUDGING || pl->slots[k].state == FILLED;
			if (busy)
				pthread_cond_wait(&pl->judged, &pl->mu);
		}
		(void)s;
	}
	return write_judged(pl, err, errlen);
}

/* Chunks in doubt: every slot handed on is dropped unwritten, once no
 * thread is judging one (lock held). */
static void drop_all(pipeline *pl)
{
	for (int k = 0; k < pl->n_slots; k++)
		if (pl->slots[k].state == FILLED)
			pl->slots[k].state = JUDGED; /* no worker takes it up now */
	for (bool busy = true; busy;) {
		busy = false;
		for (int k = 0; k < pl->n_slots; k++)
			busy = busy || pl->slots[k].state == JUDGING;
		if (busy)
			pthread_cond_wait(&pl->judged, &pl->mu);
	}
	for (int k = 0; k < pl->n_slots; k++) {
		slot *s = &pl->slots[k];
		ehp_chunk_free(s->chunk);
		s->chunk = NULL;
		ehp_batch_clear(&s->batch);
		s->results.len = s->evidence.len = s->indicators.len = s->outcomes.len = 0;
		mem_free(&s->explanation);
		for (size_t i = 0; i < s->n_sampled; i++) {
			free(s->sampled[i].id);
			free(s->sampled[i].text);
		}
		s->n_sampled = 0;
		s->state = FREE;
	}
	pl->next_seq = pl->next_write = 0;
}

/* Each output's header line: at the start, and again when the input is
 * read again from the top. */
static void write_headers(const ehp_run *run)
{
	if (run->results)
		ehp_results_header(run->results);
	if (run->evidence)
		ehp_evidence_json_header(run->evidence, run->plan, run->claim, &run->records_files, run->council_files);
	if (run->indicators)
		ehp_indicators_header(run->indicators);
	if (run->outcomes)
		ehp_outcomes_header(run->outcomes);
}

/* The input is being read again: what was written so far is forgotten. */
static int start_over(ehp_run *run, char *err, size_t errlen)
{
	FILE *out[] = { run->results, run->evidence, run->indicators, run->outcomes };
	const char *name[] = { run->results_name, run->evidence_name, run->indicators_name, run->outcomes_name };
	for (int k = 0; k < 4; k++) {
		if (!out[k])
			continue;
		/* (a stream hashing what it writes empties its file itself: atomic.h) */
		if (fflush(out[k]) != 0 || fseek(out[k], 0, SEEK_SET) != 0 ||
		    (fileno(out[k]) >= 0 && ftruncate(fileno(out[k]), 0) != 0)) {
			snprintf(err, errlen, "%s: write failed: %s", name[k], strerror(errno));
			return -1;
		}
	}
	write_headers(run);
	if (run->workbook)
		ehp_workbook_restart(run->workbook);
	sheet_clear(&run->sum, run->plan->n_themes);
	free(run->explanation);
	run->explanation = NULL;
	run->explanation_len = 0;
	if (run->sample)
		ehp_sample_free(run->sample);
	return 0;
}

/* A chunk was in doubt: the reader is back at the top of the files; read
 * them again on this thread, as if they had never been cut (lock held). */
static int read_again(pipeline *pl, char *err, size_t errlen)
{
	drop_all(pl);
	ehp_chunks_close(pl->chunks);
	pl->chunks = NULL;
	pl->sample_bound = UINT64_MAX;
	pthread_mutex_unlock(&pl->mu);
	int rc = start_over(pl->run, err, errlen);
	pthread_mutex_lock(&pl->mu);
	return rc;
}

int ehp_run_all(ehp_run *run, ehp_reader *rd, char *err, size_t errlen)
{
	int n_themes = run->plan->n_themes;
	run->sum.theme = ehp_xcalloc((size_t)n_themes + 1, sizeof *run->sum.theme);
	ehp_counts_init(&run->sum.counts, run->plan);
	write_headers(run);
	int threads = run->threads < 1 ? 1 : run->threads;
	ehp_reader_threads(rd, threads);
	pipeline pl = { .run = run, .n_slots = threads == 1 ? 1 : 2 * threads + 1, .sample_bound = UINT64_MAX,
	                .chunks = threads > 1 ? ehp_chunks_open(rd, 0) : NULL };
	pl.slots = ehp_xcalloc((size_t)pl.n_slots, sizeof *pl.slots);
	for (int k = 0; k < pl.n_slots; k++) {
		pl.slots[k].sum.theme = ehp_xcalloc((size_t)n_themes + 1, sizeof *pl.slots[k].sum.theme);
		ehp_counts_init(&pl.slots[k].sum.counts, run->plan);
	}
	pthread_mutex_init(&pl.mu, NULL);
	pthread_cond_init(&pl.work, NULL);
	pthread_cond_init(&pl.judged, NULL);
	pthread_t *tids = ehp_xcalloc((size_t)threads, sizeof *tids);
	int started = 0;
	for (; started < threads - 1; started++)
		if (pthread_create(&tids[started], NULL, worker, &pl) != 0)
			break; /* fewer threads: the work still gets done */
	judge_state js = { .evidence.name_files = pl.run->council_files != NULL };
	int rc = 0;
	pthread_mutex_lock(&pl.mu);
	for (;;) {
		slot *s = free_slot(&pl, &js, err, errlen, &rc);
		if (rc == WRITE_AGAIN && (rc = read_again(&pl, err, errlen)) == 0)
			continue;
		if (rc)
			break;
		pthread_mutex_unlock(&pl.mu);
		ehp_progress_tick(run->progress, run->sum.families,
		                  pl.chunks ? ehp_chunks_progress(pl.chunks) : ehp_reader_progress(rd));
		int got = pl.chunks ? ehp_chunks_next(pl.chunks, &s->chunk, err, errlen)
		                    : ehp_reader_fill(rd, &s->batch, BATCH_FAMILIES, BATCH_RECORDS, err, errlen);
		pthread_mutex_lock(&pl.mu);
		if (got == EHP_READ_MORE) {
			s->state = FILLED;
			s->seq = pl.next_seq++;
			pthread_cond_signal(&pl.work);
			continue;
		}
		ehp_batch_clear(&s->batch);
		if (got == EHP_READ_ERROR) {
			rc = -1;
			break;
		}
		rc = drain(&pl, &js, err, errlen);
		if (rc == WRITE_AGAIN && (rc = read_again(&pl, err, errlen)) == 0)
			continue;
		if (rc)
			break;
		if (got == EHP_READ_END) {
			if (pl.chunks && ehp_chunks_end(pl.chunks, err, errlen) != 0)
				rc = -1;
			break;
		}
		/* EHP_READ_RESTART: everything handed on is judged and written; forget it. */
		pthread_mutex_unlock(&pl.mu);
		rc = start_over(run, err, errlen);
		pthread_mutex_lock(&pl.mu);
		pl.sample_bound = UINT64_MAX;
		if (rc)
			break;
	}
	if (rc) /* the slots still judging finish before the threads are told to stop */
		for (int k = 0; k < pl.n_slots; k++)
			while (pl.slots[k].state == JUDGING)
				pthread_cond_wait(&pl.judged, &pl.mu);
	pl.stop = true;
	pthread_cond_broadcast(&pl.work);
	pthread_mutex_unlock(&pl.mu);
	for (int k = 0; k < started; k++)
		pthread_join(tids[k], NULL);
	for (int k = 0; k < pl.n_slots; k++) {
		ehp_chunk_free(pl.slots[k].chunk);
		ehp_batch_free(&pl.slots[k].batch);
		ehp_buf_free(&pl.slots[k].results);
		ehp_buf_free(&pl.slots[k].evidence);
		mem_free(&pl.slots[k].explanation);
		for (size_t i = 0; i < pl.slots[k].n_sampled; i++) {
			free(pl.slots[k].sampled[i].id);
			free(pl.slots[k].sampled[i].text);
		}
		free(pl.slots[k].sampled);
		ehp_buf_free(&pl.slots[k].indicators);
		ehp_buf_free(&pl.slots[k].outcomes);
		free(pl.slots[k].sum.theme);
		ehp_counts_free(&pl.slots[k].sum.counts);
	}
	judge_state_free(&js);
	ehp_chunks_close(pl.chunks);
	free(pl.slots);
	free(tids);
	pthread_mutex_destroy(&pl.mu);
	pthread_cond_destroy(&pl.work);
	pthread_cond_destroy(&pl.judged);
	return rc;
}

void ehp_run_free(ehp_run *run)
{
	free(run->sum.theme);
	ehp_counts_free(&run->sum.counts);
	free(run->explanation);
	run->sum.theme = NULL;
	run->explanation = NULL;
}
