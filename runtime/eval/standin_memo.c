/*
 * standin_memo.c - stand-in classes' verdicts remembered across families.
 * A class's verdict for a subject with no records (standins.c) reads
 * nothing of the family but the dates ehpc lists for it
 * (ehp_plan.standin_reads: the point of entry, the closure) besides the
 * run's own settings, and an extract's families share their entry dates
 * (about 1,100 distinct days in 100,000 families). So each class's verdict
 * is worked out once for each such date, not once a family: a family's
 * dates find its slot, and the verdicts kept there are its own.
 *
 * Without a trace only: with one, each class leaves its evidence once a
 * family (standin_trace.c). Not while indicators are judged again as at
 * another date (ehp_eval.entry_as), which asks no class.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "prefetch.h"

#define MEMO_BITS 12
#define MEMO_SLOTS (1u << MEMO_BITS)
#define MAX_GROUPS 4     /* the combinations of EHP_READS_ENTRY and EHP_READS_CLOSURE */

struct ehp_standin_memo {
	/* What every verdict also depends on, the run's own: all forgotten
	 * when any of them differs from the last family's. */
	const ehp_plan *plan;
	const ehp_calendar *cal;
	ehp_date claim;
	double *params;          /* a copy of their values (none when the evaluation has none) */
	bool no_params;
	int n_params, n_classes;
	/* The classes by the dates they read (their group: its standin_reads),
	 * -1 for a class never remembered (EHP_READS_OTHER). */
	int8_t *class_group;
	uint8_t group_reads[MAX_GROUPS];
	int n_groups;
	/* Each group's slots, so that the groups reading the closure, whose
	 * dates seldom repeat, do not push out those reading the entry only.
	 * A slot is `stride` bytes in one piece, so a family finds all it
	 * needs of a group in a line or two of memory: the dates it holds
	 * (slot_key), its verdicts (one byte a class, -1 until worked out; only
	 * the group's own classes are read from it) and, from `rows_at`, the
	 * indicators of the group's classes whose verdict is not EHP_FALSE
	 * (standin_words words), which standins.c may not skip on their
	 * account. */
	unsigned char *slots;       /* on a cache line's start, in slots_mem */
	unsigned char *slots_mem;
	size_t stride, rows_at, words;
	int *other; /* the classes with indicators never remembered (res->ind_classes') */
	int n_other;
	unsigned char *slot[MAX_GROUPS]; /* the family being judged: each group's slot */
	bool live;                       /* its verdicts may be read and kept (no trace) */
};

typedef struct {
	ehp_date entry, closure;
	bool used;
	bool rows_known; /* the slot's rows are made */
} slot_key;

static inline slot_key *key_of(unsigned char *slot)
{
	return (slot_key *)slot;
}

static inline int8_t *verdicts_of(unsigned char *slot)
{
	return (int8_t *)(slot + sizeof(slot_key));
}

static inline uint64_t *rows_of(const ehp_standin_memo *m, unsigned char *slot)
{
	return (uint64_t *)(slot + m->rows_at);
}

static void memo_free(ehp_standin_memo *m)
{
	if (!m)
		return;
	free(m->params);
	free(m->class_group);
	free(m->slots_mem);
	free(m->other);
	free(m);
}

void ehp_standin_memo_free(ehp_results *res)
{
	memo_free(res->standin_memo);
	res->standin_memo = NULL;
}

/* A memo for this run's plan and settings, every slot empty; NULL when
 * the plan lists no class that may be remembered (or memory ran out: the
 * verdicts are then worked out every family, as without a memo). */
static ehp_standin_memo *memo_new(const ehp_eval *ev)
{
	const ehp_plan *plan = ev->plan;
	ehp_standin_memo *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->plan = plan;
	m->cal = ev->cal;
	m->claim = ev->claim;
	m->n_params = plan->n_params;
	m->n_classes = plan->n_standins;
	m->params = malloc(((size_t)plan->n_params + 1) * sizeof *m->params);
	m->class_group = malloc((size_t)plan->n_standins + 1);
	m->words = ev->res->standin_words;
	m->rows_at = (sizeof(slot_key) + (size_t)plan->n_standins + 7) / 8 * 8;
	m->stride = m->rows_at + m->words * sizeof(uint64_t);
	if (m->stride < EHP_CACHE_LINE) /* a line a slot, never two: one fetch */
		m->stride = EHP_CACHE_LINE;
	/* every key unused; the first on a line, so a slot of a line's size is in one */
	m->slots_mem = calloc((size_t)MAX_GROUPS * MEMO_SLOTS * m->stride + EHP_CACHE_LINE - 1, 1);
	m->slots = m->slots_mem ? ehp_on_line(m->slots_mem) : NULL;
	m->other = malloc((ev->res->n_ind_classes + 1) * sizeof *m->other);
	if (!m->params || !m->class_group || !m->slots_mem || !m->other) {
		memo_free(m);
		return NULL;
	}
	m->no_params = !ev->params;
	if (plan->n_params && ev->params)
		memcpy(m->params, ev->params, (size_t)plan->n_params * sizeof *m->params);
	for (int c = 0; c < plan->n_standins; c++) {
		uint8_t reads = plan->standin_reads[c];
		m->class_group[c] = -1;
		if (reads & ~(EHP_READS_ENTRY | EHP_READS_CLOSURE))
			continue;
		int g = 0;
		while (g < m->n_groups && m->group_reads[g] != reads)
			g++;
		if (g == m->n_groups)
			m->group_reads[m->n_groups++] = reads;
		m->class_group[c] = (int8_t)g;
	}
	if (!m->n_groups) {
		memo_free(m);
		return NULL;
	}
	for (size_t j = 0; j < ev->res->n_ind_classes; j++)
		if (m->class_group[ev->res->ind_classes[j]] < 0)
			m->other[m->n_other++] = ev->res->ind_classes[j];
	return m;
}

/* Whether the memo was made for this run's plan and settings. */
static bool same_run(const ehp_standin_memo *m, const ehp_eval *ev)
{
	return m->plan == ev->plan && m->cal == ev->cal && m->claim == ev->claim && m->n_params == ev->plan->n_params &&
	       m->n_classes == ev->plan->n_standins && m->no_params == !ev->params &&
	       (!m->n_params || !ev->params || !memcmp(m->params, ev->params, (size_t)m->n_params * sizeof *m->params));
}

/* The top bits of a multiplicative hash: days in a row (an extract's entry
 * dates) go to slots far apart. */
static inline unsigned memo_slot(ehp_date entry, ehp_date closure)
{
	uint32_t h = (uint32_t)entry * 0x9E3779B1u + (uint32_t)closure * 0x85EBCA77u;
	return h >> (32 - MEMO_BITS);
}

/* Group g's slot for a family's dates. */
static inline unsigned char *group_slot(const ehp_standin_memo *m, int g, ehp_date fam_entry, ehp_date fam_closure)
{
	uint8_t reads = m->group_reads[g];
	ehp_date entry = reads & EHP_READS_ENTRY ? fam_entry : 0;
	ehp_date closure = reads & EHP_READS_CLOSURE ? fam_closure : 0;
	return m->slots + ((size_t)g * MEMO_SLOTS + memo_slot(entry, closure)) * m->stride;
}

void ehp_standin_memo_prefetch(const ehp_plan *plan, const ehp_results *res, ehp_date entry, ehp_date closure)
{
	const ehp_standin_memo *m = res->standin_memo;
	if (!m || m->plan != plan)
		return;
	for (int g = 0; g < m->n_groups; g++) {
		const unsigned char *slot = group_slot(m, g, entry, closure);
		EHP_PREFETCH(slot);
		if (m->stride > EHP_CACHE_LINE)
			EHP_PREFETCH(slot + m->stride - 1);
	}
}

void ehp_standin_memo_begin(ehp_eval *ev)
{
	ehp_results *res = ev->res;
	const ehp_plan *plan = ev->plan;
	ehp_standin_memo *m = res->standin_memo;
	if (m)
		m->live = false;
	if (ev->trace || ev->entry_as || !plan->standin_reads || plan->n_standins <= 0)
		return;
	if (m && !same_run(m, ev)) {
		memo_free(m);
		res->standin_memo = m = NULL;
	}
	if (!m && !(res->standin_memo = m = memo_new(ev)))
		return;
	for (int g = 0; g < m->n_groups; g++) {
		uint8_t reads = m->group_reads[g];
		ehp_date entry = reads & EHP_READS_ENTRY ? ev->fam->entry : 0;
		ehp_date closure = reads & EHP_READS_CLOSURE ? ev->fam->closure : 0;
		unsigned char *slot = group_slot(m, g, ev->fam->entry, ev->fam->closure);
		slot_key *key = key_of(slot);
		m->slot[g] = slot;
		if (key->used && key->entry == entry && key->closure == closure)
			continue;
		*key = (slot_key){ entry, closure, true, false }; /* another family's dates, or none: taken for this family's */
		memset(verdicts_of(slot), -1, (size_t)m->n_classes);
	}
	m->live = true;
}

/* Where class `standin`'s verdict for this family's dates is kept (-1
 * until worked out), or NULL when it is not remembered. */
static inline int8_t *memo_find(const ehp_results *res, int standin)
{
	const ehp_standin_memo *m = res->standin_memo;
	if (!m || !m->live)
		return NULL;
	int g = m->class_group[standin - 1];
	return g < 0 ? NULL : verdicts_of(m->slot[g]) + standin - 1;
}

ehp_tv ehp_standin_work_out(ehp_eval *ev, ehp_cond_fn when, int standin)
{
	int8_t *kept = memo_find(ev->res, standin);
	ehp_tv v;
	if (kept && *kept >= 0) { /* another family's with the same dates */
		v = (ehp_tv)*kept;
	} else {
		v = when(ev, (int)ev->fam->n_people);
		if (kept)
			*kept = (int8_t)v;
	}
	ev->res->standins[standin - 1] = (int8_t)v;
	return v;
}

/* The indicators of group g's classes whose verdict in this family is not
 * EHP_FALSE: made once for the slot's dates, every class of the group
 * worked out then (a class's verdict is the same whether or not a row
 * of it is still to be skipped). */
static const uint64_t *group_rows(ehp_eval *ev, ehp_standin_memo *m, int g)
{
	const ehp_results *res = ev->res;
	uint64_t *rows = rows_of(m, m->slot[g]);
	if (key_of(m->slot[g])->rows_known)
		return rows;
	memset(rows, 0, m->words * sizeof *rows);
	for (size_t j = 0; j < res->n_ind_classes; j++) {
		int c = res->ind_classes[j];
		if (m->class_group[c] != g || ehp_standin_verdict(ev, res->class_when[c], c + 1) == EHP_FALSE)
			continue;
		for (size_t k = 0; k < m->words; k++)
			rows[k] |= res->class_rows[(size_t)c * m->words + k];
	}
	key_of(m->slot[g])->rows_known = true;
	return rows;
}

bool ehp_standin_memo_skip(ehp_eval *ev)
{
	ehp_results *res = ev->res;
	ehp_standin_memo *m = res->standin_memo;
	if (!m || !m->live || m->words != res->standin_words)
		return false;
	for (int g = 0; g < m->n_groups; g++) {
		const uint64_t *rows = group_rows(ev, m, g);
		for (size_t k = 0; k < m->words; k++)
			res->skip[k] &= ~rows[k];
	}
	for (int j = 0; j < m->n_other; j++) { /* as standins.c asks them */
		int c = m->other[j];
		const uint64_t *rows = res->class_rows + (size_t)c * m->words;
		uint64_t any = 0;
		for (size_t k = 0; k < m->words; k++)
			any |= rows[k] & res->skip[k];
		if (any && ehp_standin_verdict(ev, res->class_when[c], c + 1) != EHP_FALSE)
			for (size_t k = 0; k < m->words; k++)
				res->skip[k] &= ~rows[k];
	}
	return true;
}
