/*
 * reader_internal.h - what reader.c, stream.c and group.c share: the
 * reader's state, which no other file sees (load.h keeps it opaque), and
 * the few steps both ways of reading take.
 */
#ifndef EHP_READER_INTERNAL_H
#define EHP_READER_INTERNAL_H

#include <string.h>
#include "idmap.h"
#include "load.h"
#include "mem.h"
#include "rows.h"

enum { FAM = EHP_FAMILIES_FILE, PEOPLE = EHP_PEOPLE_FILE, RECORDS = EHP_RECORDS_FILE };

#define UNKNOWN_FAMILY "unknown family (not in the families file)"
#define UNKNOWN_PERSON "unknown person (not in the people file for this family)"
#define DROPPED_PERSON "the person's row in the people file was rejected"
#define DROPPED ((size_t)-2) /* a person id whose row was rejected */

typedef struct grouped grouped;

/* A person id of the family being read (stream.c's find_id). */
typedef struct {
	ehp_key key;  /* an id of up to 16 bytes as keyslots.h's two words, compared with no load through id.s */
	ehp_str id;
	size_t index; /* the person's index in the family, or DROPPED */
} ehp_family_id;

/* A row split in one pass (csv_plain_cells) and left for the family it
 * is of, its cells kept for that family's first look: good while its
 * reader is where it was (buf, at, line); next 0: none kept. */
typedef struct {
	csv_span cell[EHP_REC_OTHER]; /* a records row's; a people or families row's are fewer */
	const char *buf;
	size_t at, next;
	unsigned long line;
} ehp_kept_row;

/* The strings of `from` kept by `to` as well, with no copy; from is left
 * empty. */
void ehp_text_take(ehp_text *to, ehp_text *from);

struct ehp_reader {
	ehp_rows rw;
	FILE *files[EHP_N_INPUT_FILES];
	ehp_rejects *rj;
	bool grouped;          /* read grouped (not sorted, or not seekable) */
	bool seekable;         /* every file can be read again from the top */
	bool done;
	bool chunk;            /* reads one chunk of the sorted files (chunks.c) */
	bool sniffed;          /* the first rows were looked at (ehp_reader_sniff) */
	int threads;           /* grouped: threads that parse the records (ehp_reader_threads) */
	/* streamed: the last family_id taken from each file, for the order check */
	char *last[EHP_N_INPUT_FILES];
	size_t last_n[EHP_N_INPUT_FILES], last_cap[EHP_N_INPUT_FILES];
	bool have_last[EHP_N_INPUT_FILES];
	/* streamed: the family being read, its people's ids (kept or dropped) */
	ehp_family_id *ids;
	size_t n_ids, cap_ids;
	ehp_idmap id_map;      /* over ids, once a family has many people */
	ehp_text dropped_ids;
	/* streamed: the people and records rows split in one pass and left
	 * for a later family, by file: split once (stream.c, keep_row) */
	ehp_kept_row kept[EHP_N_INPUT_FILES];
	grouped *g;
};

static inline size_t ehp_batch_push_family(ehp_batch *b)
{
	b->families = ehp_reserve_inline(b->families, &b->cap_families, b->n_families + 1, sizeof *b->families);
	size_t i = b->n_families++;
	b->families[i] = (ehp_batch_family){ .entry = EHP_NO_DATE, .closure = EHP_NO_DATE, .people = b->n_people,
	                                     .records = b->n_records };
	return i;
}

static inline void ehp_batch_push_person(ehp_batch *b, const ehp_person *p)
{
	b->people = ehp_reserve_inline(b->people, &b->cap_people, b->n_people + 1, sizeof *b->people);
	b->people[b->n_people++] = *p;
}

/* A row that names no family it can be given to: rejected with the row's
 * own fault if it is malformed, else with `reason` in family_id. */
void ehp_reject_unplaced(ehp_table *t, const char *reason);

/* One more rejected row of the family, at place p. */
void ehp_family_reject_at(ehp_batch_family *bf, ehp_row_place p);

static inline ehp_row_place ehp_row_place_of(const ehp_table *t)
{
	return (ehp_row_place){ (uint32_t)ehp_table_line(t), (uint8_t)t->file, (uint8_t)ehp_table_file(t) };
}

/* One more rejected row of the family: the current row of table t. */
static inline void ehp_family_reject(ehp_batch_family *bf, const ehp_table *t)
{
	ehp_family_reject_at(bf, ehp_row_place_of(t));
}

/* stream.c: files sorted by family_id, read a family at a time. */
int ehp_stream_family(ehp_reader *rd, ehp_batch *b);
bool ehp_stream_in_order(ehp_reader *rd, int i, ehp_str f);
void ehp_stream_forget_ids(ehp_reader *rd);

/* ehp_text's blocks (reader.c), here for ehp_text_keep_inline. */
struct ehp_text_block {
	ehp_text_block *next;
	size_t used, cap;
	char data[];
};

/* ehp_text_keep with no call for an id of 8 to 16 bytes (nearly all) that
 * the current block has room for: two overlapping words copied. */
static inline const char *ehp_text_keep_inline(ehp_text *t, const char *s, size_t n)
{
	ehp_text_block *b = t->cur;
	if (!b || n - 8 > 8 || b->cap - b->used < n + 1)
		return ehp_text_keep(t, s, n);
	char *c = b->data + b->used;
	uint64_t head, tail;
	memcpy(&head, s, 8);
	memcpy(&tail, s + n - 8, 8);
	memcpy(c, &head, 8);
	memcpy(c + n - 8, &tail, 8);
	c[n] = '\0';
	b->used += n + 1;
	return c;
}


/* group.c: files in any order, every row read first, then handed out. */
void ehp_group_read(ehp_reader *rd);
int ehp_group_family(grouped *g, ehp_batch *b);
double ehp_group_progress(const grouped *g);
void ehp_group_free(grouped *g);

#endif
