/*
 * group.c - the extract read when its files are not sorted by family_id:
 * families and people are read into maps, records are parsed in pieces
 * (on several threads) and spilled by family into temporary files, then
 * each family is handed out with its people and records, in the families
 * file's order, as stream.c would hand it.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "personmap.h"
#include "inorder.h"
#include "pieces.h"
#include "prefetch.h"
#include "reader_chunks.h"
#include "reader_internal.h"
#include "row_ids.h"

/* A record on its way through a temporary file, with the family it is for
 * and only the figures it has. */
typedef struct {
	uint32_t family;
	int32_t person;
	ehp_date date, end;
	uint32_t line;
	uint16_t type, detail;
	uint8_t role, figures; /* figures: bit 0 value, 1 total, 2 score */
	uint8_t file;          /* the record's: in the padding */
} spilled;

typedef struct {
	uint32_t family;       /* index in families */
	uint32_t local;        /* its index among the family's kept people */
	uint32_t id_n;         /* p.id's length */
	ehp_person p;          /* p.id: its id, kept in the reader's text */
} gperson;

/* A kept person as handed out: laid out in family order once every row is
 * read, its id (up to 16 bytes) beside it, so handing a family out reads
 * memory in order instead of its people and their ids scattered over all
 * those read. */
typedef struct {
	ehp_person p;          /* p.id: its id kept in the reader's text, when longer than 16 bytes */
	uint32_t id_n;
	char id[16];           /* its id, when it has at most 16 bytes (no NUL) */
} handed_person;

struct grouped {
	ehp_batch_family *families; /* people/records filled as they are handed out */
	size_t n_families, cap_families;
	ehp_idmap family_map;
	gperson *people;
	size_t n_people, cap_people;
	ehp_personmap person_map; /* (family, person id) -> person_value, or PERSON_DROPPED */
	ehp_text text;
	FILE **parts;          /* records by family: families [k * per_part, (k + 1) * per_part) */
	size_t n_parts, per_part;
	unsigned char **pending; /* each part's spilled records not yet written (SPILL_BUFFER bytes) */
	size_t *n_pending;
	size_t *people_start;  /* people of family f: people_by_family[people_start[f] .. people_start[f + 1]) */
	handed_person *people_by_family; /* every kept person, in family order, once the files are read */
	/* handing out */
	size_t next;           /* the next family to hand out */
	size_t part;           /* the part loaded, or n_parts */
	size_t *record_start;  /* records of family base + f: by_family's bytes [record_start[f], record_start[f + 1]) */
	unsigned char *spilled_bytes; /* the part loaded, as read back */
	size_t cap_spilled_bytes;
	unsigned char *by_family; /* the same records placed by family, in file order within each */
	size_t cap_by_family;
};

void ehp_group_free(grouped *g)
{
	if (!g)
		return;
	free(g->families);
	ehp_idmap_free(&g->family_map);
	free(g->people);
	ehp_personmap_free(&g->person_map);
	ehp_text_free(&g->text);
	for (size_t k = 0; k < g->n_parts; k++)
		if (g->parts[k])
			fclose(g->parts[k]);
	free(g->parts);
	for (size_t k = 0; g->pending && k < g->n_parts; k++)
		free(g->pending[k]);
	free(g->pending);
	free(g->n_pending);
	free(g->people_start);
	free(g->people_by_family);
	free(g->record_start);
	free(g->spilled_bytes);
	free(g->by_family);
	free(g);
}

/* What the person map holds of a kept person: all a records row needs of
 * it, its index among its family's kept people and its birth, so the row
 * reads the map's slot and nothing else. A person whose row was rejected:
 * PERSON_DROPPED (no index reaches PEOPLE_MAX, so no person's value is
 * it). */
#define PERSON_DROPPED (EHP_PERSONMAP_NONE - 1)
#define PEOPLE_MAX (UINT32_MAX - 2)

static uint64_t person_value(size_t local, ehp_date born)
{
	return (uint64_t)(uint32_t)born << 32 | (uint32_t)local;
}

/* The person a records row names: found (or EHP_IDMAP_NONE, DROPPED),
 * its index among the family's kept people and its birth. */
typedef struct {
	size_t found;
	size_t local;
	ehp_date born;
} person_ref;

enum { PERSON_FOUND = 0 };

/* The person map's value v as a records row needs it. */
static person_ref person_ref_of(uint64_t v)
{
	if (v == EHP_PERSONMAP_NONE || v == PERSON_DROPPED)
		return (person_ref){ .found = v == EHP_PERSONMAP_NONE ? EHP_IDMAP_NONE : DROPPED };
	return (person_ref){ .found = PERSON_FOUND, .local = (uint32_t)v, .born = (ehp_date)(uint32_t)(v >> 32) };
}

static uint64_t find_person(grouped *g, size_t family, ehp_str id)
{
	return ehp_personmap_get(&g->person_map, (uint32_t)family, id.s, id.n);
}

/* The next of family's kept people: its index among them, counted. */
static size_t next_local(grouped *g, size_t family)
{
	if (g->families[family].n_people >= PEOPLE_MAX)
		ehp_die("too many people to group by family");
	return g->families[family].n_people++;
}

/* The next of g's people: p of family, the local'th of its kept people,
 * its id (id_n bytes) kept already. */
static void push_gperson(grouped *g, size_t family, size_t local, const char *id, size_t id_n, const ehp_person *p)
{
	if (g->n_people >= PEOPLE_MAX)
		ehp_die("too many people to group by family");
	g->people = ehp_reserve_inline(g->people, &g->cap_people, g->n_people + 1, sizeof *g->people);
	gperson *gp = &g->people[g->n_people++];
	*gp = (gperson){ .family = (uint32_t)family, .local = (uint32_t)local, .id_n = (uint32_t)id_n, .p = *p };
	gp->p.id = id;
}

/* Remembers a person: kept (p non-NULL) or known but rejected. */
static void add_person(grouped *g, size_t family, ehp_str id, const ehp_person *p)
{
	const char *kept = ehp_text_keep(&g->text, id.s, id.n);
	uint64_t hash = ehp_personmap_hash((uint32_t)family, id.s, id.n);
	uint64_t value = PERSON_DROPPED;
	if (p) {
		size_t local = next_local(g, family);
		value = person_value(local, p->born);
		push_gperson(g, family, local, kept, id.n, p);
	}
	ehp_personmap_put_hashed(&g->person_map, (uint32_t)family, kept, id.n, hash, value);
}

static size_t find_family(grouped *g, ehp_str id)
{
	return id.n ? ehp_idmap_get(&g->family_map, id.s, id.n) : EHP_IDMAP_NONE;
}

/* Rows of the families file read before its size is guessed from them. */
enum { SIZE_FAMILIES_AFTER = 4096 };

/* The family map made big enough, at once, for as many families as the
 * families file holds if its rows are as long as those read so far (as
 * size_person_map; a guess, and the map still grows if it was short). */
static void size_family_map(ehp_reader *rd, grouped *g)
{
	const csv_reader *csv = &rd->rw.t[FAM].csv;
	uint64_t parsed = csv->bytes - (uint64_t)(csv->end - csv->pos);
	struct stat st;
	if (!parsed || fstat(fileno(rd->files[FAM]), &st) != 0 || !S_ISREG(st.st_mode))
		return;
	double rows = (double)g->n_families * (double)st.st_size / (double)parsed;
	if (rows > (double)g->n_families && rows < (double)UINT32_MAX / 2)
		ehp_idmap_reserve(&g->family_map, (size_t)rows - g->n_families);
}

static void group_families(ehp_reader *rd, grouped *g)
{
	ehp_table *t = &rd->rw.t[FAM];
	while (ehp_table_next(t)) {
		ehp_str id = ehp_row_family_id(&rd->rw, FAM);
		if (!id.n) {
			ehp_reject_unplaced(t, "empty");
			continue;
		}
		uint64_t hash = ehp_idmap_hash(id.s, id.n);
		size_t fi = ehp_idmap_get_hashed(&g->family_map, id.s, id.n, hash);
		if (fi != EHP_IDMAP_NONE) {
			if (t->bad)
				ehp_table_reject(t, "row", t->bad);
			else
				ehp_table_reject(t, "family_id", "duplicate family id");
			ehp_family_reject(&g->families[fi], t);
			continue;
		}
		g->families = ehp_reserve(g->families, &g->cap_families, g->n_families + 1, sizeof *g->families);
		fi = g->n_families++;
		ehp_batch_family *bf = &g->families[fi];
		*bf = (ehp_batch_family){ .id = ehp_text_keep(&g->text, id.s, id.n), .line = (uint32_t)ehp_table_line(t),
		                          .file = (uint8_t)ehp_table_file(t),
		                          .entry = EHP_NO_DATE, .closure = EHP_NO_DATE,
		                          .no_members = true /* until a people row names it */ };
		ehp_idmap_put_new_hashed(&g->family_map, bf->id, id.n, hash, fi);
		if (g->n_families == SIZE_FAMILIES_AFTER)
			size_family_map(rd, g);
		if (t->bad) {
			ehp_table_reject(t, "row", t->bad);
			ehp_family_reject(bf, t);
		} else if (ehp_row_family_dates(&rd->rw, &bf->entry, &bf->closure)) {
			ehp_family_reject(bf, t);
		}
	}
}

/* A spilled record's bytes: a spilled struct, then the figures it has. Each
 * part gathers them in memory and writes them a block at a time, so a
 * record costs a copy rather than a stdio call. */
enum { SPILL_BUFFER = 32 << 10, SPILL_MAX = sizeof(spilled) + 3 * sizeof(double) };

/* n spilled bytes at p written to part k's file. */
static void flush_block(grouped *g, size_t k, const unsigned char *p, size_t n)
{
	if (!g->parts[k]) {
		if (!(g->parts[k] = tmpfile()))
			ehp_die("cannot create a temporary file to group records by family: %s", strerror(errno));
		setvbuf(g->parts[k], NULL, _IONBF, 0); /* the blocks are already large */
	}
	if (fwrite(p, 1, n, g->parts[k]) != n)
		ehp_die("cannot write a temporary file to group records by family: %s", strerror(errno));
}

static void flush_part(grouped *g, size_t k)
{
	if (!g->n_pending[k])
		return;
	flush_block(g, k, g->pending[k], g->n_pending[k]);
	g->n_pending[k] = 0;
}

/* The role of a record's author: rows.c points it at the vocabulary's own
 * string, so the pointer says which, with no strlen and no lookup by name;
 * any other string is looked up. */
static int author_role(const char *author)
{
	for (int k = 0; k < EHP_N_ROLES; k++)
		if (author == ehp_role_names[k])
			return k;
	return ehp_role_lookup(author, strlen(author));
}

/* Record r of `family` as spilled bytes at `at` (SPILL_MAX free): how many. */
static size_t spill_encode(const ehp_record *r, size_t family, unsigned char *at)
{
	spilled s = { .family = (uint32_t)family, .person = r->person, .date = r->date, .end = r->end,
	              .line = r->line, .file = r->file, .type = r->type, .detail = r->detail,
	              .role = (uint8_t)author_role(r->author) };
	double fig[3];
	int n = 0;
	const double v[3] = { r->value, r->total, r->score };
	for (int k = 0; k < 3; k++)
		if (v[k] == v[k]) { /* not NAN */
			s.figures |= (uint8_t)(1u << k);
			fig[n++] = v[k];
		}
	memcpy(at, &s, sizeof s);
	for (int k = 0; k < n; k++) /* a figure at a time: a memcpy of n * 8 bytes is a call */
		memcpy(at + sizeof s + (size_t)k * sizeof *fig, &fig[k], sizeof *fig);
	return sizeof s + (size_t)n * sizeof *fig;
}

/* The size of the spilled record at `at`, and its family. */
static size_t spilled_size(const unsigned char *at, uint32_t *family)
{
	spilled s;
	memcpy(&s, at, sizeof s);
	*family = s.family;
	return sizeof s + (size_t)((s.figures & 1) + (s.figures >> 1 & 1) + (s.figures >> 2 & 1)) * sizeof(double);
}

/* The record spilled at `at`, next in b: how many bytes it took. */
static size_t push_spilled(ehp_batch *b, const unsigned char *at)
{
	const unsigned char *from = at;
	spilled s;
	memcpy(&s, at, sizeof s);
	at += sizeof s;
	double fig[3];
	for (int k = 0; k < 3; k++) {
		fig[k] = (double)NAN;
		if (s.figures & (1u << k)) {
			memcpy(&fig[k], at, sizeof fig[k]);
			at += sizeof fig[k];
		}
	}
	b->records = ehp_reserve_inline(b->records, &b->cap_records, b->n_records + 1, sizeof *b->records);
	b->records[b->n_records++] = (ehp_record){
		.date = s.date, .end = s.end, .person = s.person, .type = s.type, .detail = s.detail, .line = s.line,
		.file = s.file, .value = fig[0], .total = fig[1], .score = fig[2], .author = ehp_role_names[s.role] };
	return (size_t)(at - from);
}

/* A piece's records of part k (n bytes at recs, in file order) after
 * those of earlier pieces: a block too big for the part's buffer is
 * written as it is, behind what the buffer holds. */
static void spill_again(grouped *g, size_t k, const unsigned char *recs, size_t n)
{
	if (g->n_pending[k] + n > SPILL_BUFFER)
		flush_part(g, k);
	if (n >= SPILL_BUFFER) { /* the buffer is empty: flushed, or n fills it */
		flush_block(g, k, recs, n);
		return;
	}
	if (!g->pending[k])
		g->pending[k] = ehp_xmalloc(SPILL_BUFFER);
	memcpy(g->pending[k] + g->n_pending[k], recs, n);
	g->n_pending[k] += n;
}

/* What a piece of the people or records file gave, kept for the calling
 * thread to add in file order (group_in_pieces). */
typedef struct {
	uint32_t family;
	ehp_row_place place;
} piece_reject;

/* A people row of a piece that named a known family: what the serial
 * reader would have done with it, given no earlier piece held its person
 * (take_people checks that before doing it). */
typedef struct {
	uint32_t family;
	bool added, kept;      /* the person is remembered: kept (p), or known but rejected */
	bool rejected;         /* one more rejected row of the family, at place */
	ehp_row_place place;
	const char *id;        /* its person_id (in the piece's ids), id_n bytes; NULL when empty */
	size_t id_n;
	uint64_t hash;         /* of (family, id): the person map's */
	ehp_person p;
	/* taken in: */
	uint32_t local;        /* a kept person's index among its family's kept people */
	size_t slot;           /* in the person map */
} piece_person;

/* A piece's spilled records of one part: the calling thread copies them
 * as one block, not a record at a time. */
typedef struct {
	unsigned char *bytes;
	size_t n, cap;
} part_spills;

typedef struct {
	int file;              /* PEOPLE or RECORDS */
	ehp_piece piece;       /* its bytes as read: the parser writes into a copy */
	ehp_rejects rj;
	/* records */
	part_spills *spills;   /* the records kept, spilled: by part (n_parts), each in file order */
	size_t n_parts;
	piece_reject *rejected; /* families' rejected rows */
	size_t n_rejected, cap_rejected;
	/* people */
	piece_person *people;
	size_t n_people, cap_people;
	ehp_personmap seen;    /* the piece's own people so far: (family, id) -> 0 */
	ehp_text ids;
	unsigned long rows, empty;
	bool ran_off;          /* its last row ran on past its end */
} file_piece;

/* A family's rejected row, kept by the piece. */
static void record_rejected(file_piece *out, size_t fi, const ehp_table *t)
{
	out->rejected = ehp_reserve(out->rejected, &out->cap_rejected, out->n_rejected + 1, sizeof *out->rejected);
	out->rejected[out->n_rejected++] = (piece_reject){ (uint32_t)fi, ehp_row_place_of(t) };
}

/* The current row of rw's records table, the family fi and person who it
 * names already looked up; kept, in the part of per_part families it
 * falls in. */
static void group_record(ehp_rows *rw, size_t fi, const person_ref *who, size_t per_part, file_piece *out)
{
	ehp_table *t = &rw->t[RECORDS];
	ehp_str f = ehp_row_family_id(rw, RECORDS);
	if (t->bad) {
		ehp_table_reject(t, "row", t->bad);
		if (fi != EHP_IDMAP_NONE)
			record_rejected(out, fi, t);
		return;
	}
	if (fi == EHP_IDMAP_NONE) {
		ehp_reject_unplaced(t, f.n ? UNKNOWN_FAMILY : "empty");
		return;
	}
	ehp_record r = { .person = EHP_HOUSEHOLD };
	ehp_date born = EHP_NO_DATE;
	ehp_str id = ehp_row_person_id(rw, RECORDS);
	if (id.n) {
		if (who->found != PERSON_FOUND) {
			ehp_table_reject(t, "person_id", who->found == DROPPED ? DROPPED_PERSON : UNKNOWN_PERSON);
			record_rejected(out, fi, t);
			return;
		}
		r.person = (int32_t)who->local;
		born = who->born;
	}
	if (!ehp_row_record(rw, born, &r)) {
		record_rejected(out, fi, t);
		return;
	}
	if (!ehp_rows_keeps(rw, r.type))
		return;
	if (!out->spills)
		out->spills = ehp_xcalloc(out->n_parts, sizeof *out->spills);
	part_spills *ps = &out->spills[fi / per_part];
	if (!ps->cap) { /* a spilled record is smaller than its line: seldom grown, never doubled from nothing */
		ps->cap = out->piece.len / out->n_parts + SPILL_MAX;
		ps->bytes = ehp_xmalloc(ps->cap);
	}
	ps->bytes = ehp_reserve_inline(ps->bytes, &ps->cap, ps->n + SPILL_MAX, 1);
	ps->n += spill_encode(&r, fi, ps->bytes + ps->n);
}

/* ---- the people: one row, read in file order (out NULL) or in a piece */

/* A people row names family fi: a row of the piece, or the family told at once. */
static piece_person *person_named(grouped *g, file_piece *out, size_t fi)
{
	if (!out) {
		g->families[fi].no_members = false; /* a row names it, whatever becomes of the row */
		return NULL;
	}
	out->people = ehp_reserve(out->people, &out->cap_people, out->n_people + 1, sizeof *out->people);
	piece_person *pp = &out->people[out->n_people++];
	*pp = (piece_person){ .family = (uint32_t)fi };
	return pp;
}

/* Whether (fi, id) was seen before: in the whole file so far, or in the
 * piece so far (people_put makes sure no earlier piece had it). */
static bool person_known(grouped *g, file_piece *out, size_t fi, ehp_str id)
{
	if (!out)
		return find_person(g, fi, id) != EHP_PERSONMAP_NONE;
	return ehp_personmap_get(&out->seen, (uint32_t)fi, id.s, id.n) != EHP_PERSONMAP_NONE;
}

/* The person is remembered: kept (p non-NULL) or known but rejected. */
static void person_add(grouped *g, file_piece *out, piece_person *pp, size_t fi, ehp_str id, const ehp_person *p)
{
	if (!out) {
		add_person(g, fi, id, p);
		return;
	}
	pp->added = true;
	pp->kept = p != NULL;
	if (p)
		pp->p = *p;
	ehp_personmap_put_hashed(&out->seen, (uint32_t)fi, pp->id, pp->id_n, pp->hash, 0);
}

static void person_rejected(grouped *g, piece_person *pp, size_t fi, const ehp_table *t)
{
	if (!pp) {
		ehp_family_reject(&g->families[fi], t);
		return;
	}
	pp->rejected = true;
	pp->place = ehp_row_place_of(t);
}

/* The current row of rw's people table, naming family fi (EHP_IDMAP_NONE:
 * none known) whose point of entry is `entry`: checked, the person
 * remembered in g (out NULL) or in the piece out. The same questions in
 * the same order either way. */
static void group_person(ehp_rows *rw, grouped *g, size_t fi, ehp_date entry, file_piece *out)
{
	ehp_table *t = &rw->t[PEOPLE];
	ehp_str f = ehp_row_family_id(rw, PEOPLE);
	if (fi == EHP_IDMAP_NONE) {
		ehp_reject_unplaced(t, f.n ? UNKNOWN_FAMILY : "empty");
		return;
	}
	ehp_str id = ehp_row_person_id(rw, PEOPLE);
	piece_person *pp = person_named(g, out, fi);
	if (pp && id.n) {
		pp->id = ehp_text_keep(&out->ids, id.s, id.n);
		pp->id_n = id.n;
		pp->hash = ehp_personmap_hash((uint32_t)fi, id.s, id.n);
	}
	bool known = id.n && person_known(g, out, fi, id);
	if (t->bad) {
		ehp_table_reject(t, "row", t->bad);
		if (id.n && !known)
			person_add(g, out, pp, fi, id, NULL);
		person_rejected(g, pp, fi, t);
		return;
	}
	if (!id.n || known) {
		ehp_table_reject(t, "person_id", id.n ? "duplicate person id" : "empty");
		person_rejected(g, pp, fi, t);
		return;
	}
	ehp_person p;
	bool ok = ehp_row_person(rw, entry, &p);
	person_add(g, out, pp, fi, id, ok ? &p : NULL);
	if (!ok)
		person_rejected(g, pp, fi, t);
}

/* ---- the people and the records on several threads */

/* AHEAD: how many rows on the memory a row will need is fetched, when
 * many rows' ids are looked up in turn (as row_ids.c). */
enum { PIECE_BYTES = 1 << 20, AHEAD = 16 };

/* People pieces' own maps of their people, emptied and kept for the next
 * piece: a fresh table of megabytes a piece was a page fault every 4 kB. */
enum { SPARE_SEEN = 4 };

typedef struct {
	grouped *g;
	ehp_rows tables;       /* as opened, before the pieces: nobody changes it */
	pthread_mutex_t lock;  /* over spare */
	ehp_personmap spare[SPARE_SEEN];
	int n_spare;
} pieces_ctx;

/* A map for a people piece's own people: one emptied before, if any. */
static ehp_personmap take_seen(pieces_ctx *ctx)
{
	ehp_personmap m = { 0 };
	pthread_mutex_lock(&ctx->lock);
	if (ctx->n_spare)
		m = ctx->spare[--ctx->n_spare];
	pthread_mutex_unlock(&ctx->lock);
	return m;
}

/* A people piece's map, done with: emptied and kept (a few at most). */
static void give_seen(pieces_ctx *ctx, ehp_personmap *m)
{
	ehp_personmap_clear(m);
	pthread_mutex_lock(&ctx->lock);
	if (ctx->n_spare < SPARE_SEEN) {
		ctx->spare[ctx->n_spare++] = *m;
		*m = (ehp_personmap){ 0 };
	}
	pthread_mutex_unlock(&ctx->lock);
	ehp_personmap_free(m);
}

/* Table `file` of rw made to read a copy of piece p, its rejects to rj. */
static ehp_table *piece_table(ehp_rows *rw, int file, const ehp_piece *p, ehp_rejects *rj)
{
	char *copy = ehp_xmalloc(p->len + CSV_PAD);
	memcpy(copy, p->buf, p->len + CSV_PAD);
	ehp_reader_chunk_table(&rw->t[file], copy, p->len, p->line, rj);
	return &rw->t[file];
}

/* What reading the piece's table found, kept with the piece; the table
 * and its copy of the piece freed. */
static void piece_table_close(file_piece *rp, ehp_table *t)
{
	rp->rows = t->rows;
	rp->empty = t->empty;
	rp->ran_off = t->csv.ran_off;
	ehp_table_close(t);
}

/* A piece of the people file (any thread): each row checked against the
 * families (read whole before) and the piece's own people. Each row's
 * family is looked up with the others first (row_ids.h), its point of
 * entry fetched AHEAD rows on; a row the scan did not tell is looked up
 * as it comes. */
static void parse_people(file_piece *rp, pieces_ctx *ctx)
{
	grouped *g = ctx->g;
	ehp_rows rw = ctx->tables;
	ehp_row_ids *found;
	size_t n_found = ehp_row_ids_find(rp->piece.buf, rp->piece.len, rp->piece.lines, rw.c_family[PEOPLE],
	                                  rw.c_person[PEOPLE], &g->family_map, NULL, &found);
	ehp_date *entry = ehp_xmalloc((n_found + 1) * sizeof *entry);
	uint64_t *seen_hash = ehp_xmalloc((n_found + 1) * sizeof *seen_hash);
	rp->seen = take_seen(ctx);
	ehp_personmap_reserve(&rp->seen, n_found); /* about a person a line: grown once, not doubled */
	rp->people = ehp_reserve(rp->people, &rp->cap_people, n_found + 1, sizeof *rp->people);
	for (size_t i = 0; i < n_found; i++) {
		if (i + AHEAD < n_found && found[i + AHEAD].found_family != EHP_IDMAP_NONE)
			EHP_PREFETCH(&g->families[found[i + AHEAD].found_family].entry);
		size_t fi = found[i].found_family;
		entry[i] = fi != EHP_IDMAP_NONE ? g->families[fi].entry : EHP_NO_DATE;
		seen_hash[i] = fi != EHP_IDMAP_NONE ? ehp_personmap_hash((uint32_t)fi, found[i].person, found[i].person_n) : 0;
	}
	ehp_table *t = piece_table(&rw, PEOPLE, &rp->piece, &rp->rj);
	for (size_t j = 0; ehp_table_next(t); j++) {
		/* where the piece's own map will be looked up (and filled) a few rows on: a table of
		 * a piece's people is bigger than the nearest caches */
		if (j + AHEAD < n_found)
			ehp_personmap_prefetch(&rp->seen, seen_hash[j + AHEAD]);
		ehp_str f = ehp_row_family_id(&rw, PEOPLE);
		if (j < n_found && ehp_row_ids_match(&found[j], false, f, (ehp_str){ "", 0 })) {
			group_person(&rw, g, found[j].found_family, entry[j], rp);
			continue;
		}
		size_t fi = find_family(g, f);
		group_person(&rw, g, fi, fi != EHP_IDMAP_NONE ? g->families[fi].entry : EHP_NO_DATE, rp);
	}
	free(found);
	free(entry);
	free(seen_hash);
	give_seen(ctx, &rp->seen);
	piece_table_close(rp, t);
}

/* A piece of the records file (any thread): each row's family and person
 * looked up with the others first (row_ids.h: the person's slot holds
 * its index and birth); then the rows are checked, each with its answers
 * (a row the scan did not tell is looked up as it comes). */
static void parse_records(file_piece *rp, pieces_ctx *ctx)
{
	grouped *g = ctx->g;
	ehp_rows rw = ctx->tables;
	ehp_row_ids *found;
	size_t n_found = ehp_row_ids_find(rp->piece.buf, rp->piece.len, rp->piece.lines, rw.c_family[RECORDS],
	                                  rw.c_person[RECORDS], &g->family_map, &g->person_map, &found);
	rp->n_parts = g->n_parts;
	ehp_table *t = piece_table(&rw, RECORDS, &rp->piece, &rp->rj);
	for (size_t j = 0; ehp_table_next(t); j++) {
		ehp_str f = ehp_row_family_id(&rw, RECORDS);
		ehp_str p = ehp_row_person_id(&rw, RECORDS);
		if (j < n_found && ehp_row_ids_match(&found[j], true, f, p)) {
			person_ref r = person_ref_of(found[j].found_person);
			group_record(&rw, found[j].found_family, &r, g->per_part, rp);
			continue;
		}
		size_t fi = find_family(g, f);
		person_ref r = person_ref_of(fi != EHP_IDMAP_NONE && p.n ? find_person(g, fi, p) : EHP_PERSONMAP_NONE);
		group_record(&rw, fi, &r, g->per_part, rp);
	}
	free(found);
	piece_table_close(rp, t);
}

/* Parses a piece's rows (any thread): into its own rejects and lists. */
static void parse_piece(void *job, void *arg)
{
	file_piece *rp = job;
	if (rp->file == PEOPLE)
		parse_people(rp, arg);
	else
		parse_records(rp, arg);
}

static file_piece *new_piece(int file, const ehp_piece *p, const ehp_rejects *rj)
{
	file_piece *rp = ehp_xcalloc(1, sizeof *rp);
	rp->file = file;
	rp->piece = *p;
	rp->rj = (ehp_rejects){ .out = rj->out, .max_shown = rj->max_shown, .quiet = rj->quiet, .tally = rj->tally };
	return rp;
}

/* What a piece gave is forgotten (its bytes are kept unless `all`). */
static void forget_piece(file_piece *rp, bool all)
{
	ehp_rejects_free(&rp->rj);
	for (size_t k = 0; rp->spills && k < rp->n_parts; k++)
		free(rp->spills[k].bytes);
	free(rp->spills);
	free(rp->rejected);
	free(rp->people);
	ehp_personmap_free(&rp->seen);
	ehp_text_free(&rp->ids);
	rp->spills = NULL;
	rp->rejected = NULL;
	rp->people = NULL;
	rp->n_rejected = rp->cap_rejected = 0;
	rp->n_people = rp->cap_people = 0;
	if (all) {
		free(rp->piece.buf);
		free(rp);
	}
}

/* The piece a and the one after it, b, as one, parsed again here: a's
 * last row ran on into b, so b did not start at a row. Both are freed. */
static file_piece *join_pieces(pieces_ctx *ctx, file_piece *a, file_piece *b, const ehp_rejects *rj)
{
	ehp_piece p = { .len = a->piece.len + b->piece.len, .line = a->piece.line,
	                .lines = a->piece.lines + b->piece.lines, .last = b->piece.last };
	p.buf = ehp_xmalloc(p.len + CSV_PAD);
	memcpy(p.buf, a->piece.buf, a->piece.len);
	memcpy(p.buf + a->piece.len, b->piece.buf, b->piece.len + CSV_PAD);
	int file = a->file;
	forget_piece(a, true);
	forget_piece(b, true);
	file_piece *j = new_piece(file, &p, rj);
	parse_piece(j, ctx);
	return j;
}

/* The people a piece added, put in the person map in file order; false,
 * with the map as it was, when one of them was there already (a person
 * an earlier piece had: a duplicate person id split between pieces).
 * A person the piece named but did not add was added by the piece
 * earlier, so those it added are the ones to look for. */
static bool people_put(grouped *g, file_piece *rp)
{
	ehp_personmap_reserve(&g->person_map, rp->n_people);
	size_t *put = ehp_xmalloc((rp->n_people + 1) * sizeof *put); /* the people stored, by index in the piece */
	size_t n = 0;
	bool fresh = true;
	for (size_t i = 0; fresh && i < rp->n_people; i++) {
		piece_person *pp = &rp->people[i];
		if (i + AHEAD < rp->n_people && rp->people[i + AHEAD].added) {
			ehp_personmap_prefetch(&g->person_map, rp->people[i + AHEAD].hash);
			EHP_PREFETCH(&g->families[rp->people[i + AHEAD].family].n_people);
		}
		if (!pp->added)
			continue;
		uint64_t value = PERSON_DROPPED;
		if (pp->kept) {
			pp->local = (uint32_t)next_local(g, pp->family);
			value = person_value(pp->local, pp->p.born);
		}
		size_t at = ehp_personmap_put_new(&g->person_map, pp->family, pp->id, pp->id_n, pp->hash, value);
		if (at != EHP_PERSONMAP_NO_SLOT) {
			put[n++] = i;
			pp->slot = at;
			continue;
		}
		fresh = false;
		if (pp->kept)
			g->families[pp->family].n_people--;
	}
	if (!fresh) /* newest first: the map and the counts as they were */
		while (n > 0) {
			const piece_person *pp = &rp->people[put[--n]];
			ehp_personmap_unput(&g->person_map, pp->slot);
			if (pp->kept)
				g->families[pp->family].n_people--;
		}
	free(put);
	return fresh;
}

/* The person map made big enough, at once, for as many people as the
 * people file holds if its lines are as long as the first piece's: a
 * map of millions grown by doubling places every person again at each
 * step, at random, and fills twice the memory. So is the array of
 * people (grown by doubling, it is copied each time). A guess: both still
 * grow if it was short (or the file is a pipe, of no known size). */
static void size_person_map(ehp_reader *rd, grouped *g, const file_piece *rp)
{
	struct stat st;
	if (!rp->piece.len || fstat(fileno(rd->files[PEOPLE]), &st) != 0 || !S_ISREG(st.st_mode))
		return;
	double rows = (double)rp->n_people * (double)st.st_size / (double)rp->piece.len;
	if (rows > (double)rp->n_people && rows < (double)PEOPLE_MAX) {
		ehp_personmap_reserve(&g->person_map, (size_t)rows);
		g->people = ehp_reserve(g->people, &g->cap_people, (size_t)rows + 1, sizeof *g->people);
	}
}

/* Adds a piece of the people file to the reader's, in file order (the
 * calling thread): as it was read, or, when it names a person an earlier
 * piece had, read again here against every person so far, as the serial
 * reader reads it. */
static void take_people(ehp_reader *rd, pieces_ctx *ctx, file_piece *rp)
{
	grouped *g = ctx->g;
	if (!g->person_map.n)
		size_person_map(rd, g, rp);
	if (!people_put(g, rp)) {
		ehp_rows rw = ctx->tables;
		ehp_table *t = piece_table(&rw, PEOPLE, &rp->piece, rd->rj);
		while (ehp_table_next(t)) {
			size_t fi = find_family(g, ehp_row_family_id(&rw, PEOPLE));
			group_person(&rw, g, fi, fi != EHP_IDMAP_NONE ? g->families[fi].entry : EHP_NO_DATE, NULL);
		}
		rd->rw.t[PEOPLE].rows += t->rows;
		rd->rw.t[PEOPLE].empty += t->empty;
		ehp_table_close(t);
		forget_piece(rp, true);
		return;
	}
	if (ehp_rejects_take(rd->rj, &rp->rj) != 0)
		ehp_die("cannot keep the rejected rows: %s", strerror(errno));
	for (size_t i = 0; i < rp->n_people; i++) {
		const piece_person *pp = &rp->people[i];
		if (i + AHEAD < rp->n_people)
			EHP_PREFETCH(&g->families[rp->people[i + AHEAD].family]);
		g->families[pp->family].no_members = false;
		if (pp->kept) /* in the map already, counted in its family */
			push_gperson(g, pp->family, pp->local, pp->id, pp->id_n, &pp->p);
		if (pp->rejected)
			ehp_family_reject_at(&g->families[pp->family], pp->place);
	}
	ehp_text_take(&g->text, &rp->ids); /* the people's ids, as the map holds them */
	rd->rw.t[PEOPLE].rows += rp->rows;
	rd->rw.t[PEOPLE].empty += rp->empty;
	forget_piece(rp, true);
}

/* Adds a piece's rows to the reader's, in file order (the calling thread). */
static void take_piece(ehp_reader *rd, pieces_ctx *ctx, file_piece *rp)
{
	grouped *g = ctx->g;
	if (rp->file == PEOPLE) {
		take_people(rd, ctx, rp);
		return;
	}
	if (ehp_rejects_take(rd->rj, &rp->rj) != 0)
		ehp_die("cannot keep the rejected rows: %s", strerror(errno));
	for (size_t i = 0; i < rp->n_rejected; i++)
		ehp_family_reject_at(&g->families[rp->rejected[i].family], rp->rejected[i].place);
	for (size_t k = 0; rp->spills && k < rp->n_parts; k++)
		if (rp->spills[k].n)
			spill_again(g, k, rp->spills[k].bytes, rp->spills[k].n);
	rd->rw.t[RECORDS].rows += rp->rows;
	rd->rw.t[RECORDS].empty += rp->empty;
	forget_piece(rp, true);
}

/* The people or the records file cut into pieces at line breaks
 * (pieces.h), parsed on rd->threads threads (with one, on the calling
 * thread as each is cut) and taken back strictly in file order, so the
 * people, spills, rejects and counts are the same however many threads
 * read them. A piece whose last row runs on past its end (a quoted line
 * break where it was cut) is joined to the next and parsed again, until
 * one ends at a row's end: so every piece taken began at a row, as the
 * first did. */
static void group_in_pieces(ehp_reader *rd, grouped *g, int file)
{
	pieces_ctx ctx = { .g = g, .tables = rd->rw };
	pthread_mutex_init(&ctx.lock, NULL);
	const char *hook = getenv("EHP_CHUNK_BYTES"); /* chunks.h's test hook: small pieces too */
	size_t piece_bytes = hook && *hook ? strtoul(hook, NULL, 10) : PIECE_BYTES;
	ehp_pieces *ps = ehp_pieces_open(&rd->rw.t[file], piece_bytes);
	int workers = rd->threads > 1 ? rd->threads : 0;
	ehp_inorder *q = ehp_inorder_start(workers, 2 * workers + 2, parse_piece, &ctx);
	file_piece *carry = NULL;
	ehp_piece p;
	bool more = true;
	for (;;) {
		if (more && !ehp_inorder_full(q) && (more = ehp_pieces_next(ps, &p))) {
			ehp_inorder_put(q, new_piece(file, &p, rd->rj));
			continue;
		}
		file_piece *rp = ehp_inorder_take(q);
		if (!rp) {
			if (carry) /* nothing after a piece that ran on: the input failed */
				take_piece(rd, &ctx, carry);
			break;
		}
		if (carry) {
			rp = join_pieces(&ctx, carry, rp, rd->rj);
			carry = NULL;
		}
		if (rp->ran_off && !rp->piece.last) {
			forget_piece(rp, false);
			carry = rp;
			continue;
		}
		take_piece(rd, &ctx, rp);
	}
	ehp_inorder_stop(q);
	ehp_pieces_close(ps);
	while (ctx.n_spare)
		ehp_personmap_free(&ctx.spare[--ctx.n_spare]);
	pthread_mutex_destroy(&ctx.lock);
}

/* People [from, to) of g's people copied to their families' places (any
 * thread: no two people have one place): read in the order they were
 * read, ids too, and written at random, the place's line fetched a few
 * people ahead. */
typedef struct {
	const grouped *g;
	size_t from, to;
	pthread_t tid;
	bool started;
} layout_range;

static void *lay_out_range(void *arg)
{
	const layout_range *r = arg;
	const gperson *people = r->g->people;
	const size_t *start = r->g->people_start;
	handed_person *to = r->g->people_by_family;
	for (size_t i = r->from; i < r->to; i++) {
		if (i + 2 * AHEAD < r->to)
			EHP_PREFETCH(&start[people[i + 2 * AHEAD].family]);
		if (i + AHEAD < r->to) {
			const gperson *a = &people[i + AHEAD];
			EHP_PREFETCH(&to[start[a->family] + a->local]);
		}
		const gperson *gp = &people[i];
		handed_person *h = &to[start[gp->family] + gp->local];
		h->p = gp->p;
		h->id_n = gp->id_n;
		if (gp->id_n <= sizeof h->id)
			memcpy(h->id, gp->p.id, gp->id_n);
	}
	return NULL;
}

/* At most this many threads lay the people out (rd->threads, capped). */
enum { LAYOUT_THREADS = 16 };

/* Every kept person copied to its family's place (its people in file
 * order), in as many ranges as there are threads (the calling thread's
 * the first: the other cores are idle meanwhile, and the copy's writes
 * land on fresh pages the kernel zeroes). The maps are done with by then,
 * so they are freed first, and the people as read after: memory in use
 * falls. */
static void lay_out_people(grouped *g, int threads)
{
	ehp_idmap_free(&g->family_map);
	ehp_personmap_free(&g->person_map);
	size_t nf = g->n_families;
	g->people_start = ehp_xcalloc(nf + 1, sizeof *g->people_start);
	for (size_t f = 0, at = 0; f < nf; f++) {
		g->people_start[f] = at;
		at += g->families[f].n_people;
		g->people_start[f + 1] = at;
	}
	g->people_by_family = ehp_xmalloc((g->n_people + 1) * sizeof *g->people_by_family);
	size_t n = threads < 1 ? 1 : threads > LAYOUT_THREADS ? LAYOUT_THREADS : (size_t)threads;
	layout_range r[LAYOUT_THREADS];
	for (size_t k = 0; k < n; k++) {
		r[k] = (layout_range){ .g = g, .from = g->n_people * k / n, .to = g->n_people * (k + 1) / n };
		if (k > 0)
			r[k].started = pthread_create(&r[k].tid, NULL, lay_out_range, &r[k]) == 0;
	}
	lay_out_range(&r[0]);
	for (size_t k = 1; k < n; k++) {
		if (r[k].started)
			pthread_join(r[k].tid, NULL);
		else /* no thread: done here */
			lay_out_range(&r[k]);
	}
	free(g->people);
	g->people = NULL;
	g->n_people = g->cap_people = 0;
}

/* Reads all three files, each front to back. */
void ehp_group_read(ehp_reader *rd)
{
	grouped *g = rd->g = ehp_xcalloc(1, sizeof *g);
	group_families(rd, g);
	group_in_pieces(rd, g, PEOPLE);
	/* Parts of a few thousand families: few files, small enough to read back. */
	g->per_part = g->n_families / 256 + 1;
	if (g->per_part < 4096)
		g->per_part = 4096;
	g->n_parts = g->n_families / g->per_part + 1;
	g->parts = ehp_xcalloc(g->n_parts, sizeof *g->parts);
	g->pending = ehp_xcalloc(g->n_parts, sizeof *g->pending);
	g->n_pending = ehp_xcalloc(g->n_parts, sizeof *g->n_pending);
	group_in_pieces(rd, g, RECORDS);
	for (size_t k = 0; k < g->n_parts; k++) {
		flush_part(g, k);
		free(g->pending[k]);
		g->pending[k] = NULL;
	}
	lay_out_people(g, rd->threads);
	g->part = g->n_parts;
}

/* A spilled record of `size` bytes copied: in pieces of known size, as
 * memcpy of a size known only at run time is a slow string move for
 * these few bytes. */
static void copy_spilled(unsigned char *to, const unsigned char *from, size_t size)
{
	memcpy(to, from, sizeof(spilled));
	for (size_t at = sizeof(spilled); at < size; at += sizeof(double))
		memcpy(to + at, from + at, sizeof(double));
}

/* Reads part k's records back, placed by family: the file in one read,
 * then two passes over its bytes (count each family's bytes, then copy
 * each record to its family's place). The copy reads in order and writes
 * a few thousand streams, one a family, each in order: the records are
 * then handed out reading memory in order, not gathered at random from
 * a part bigger than the cache. */
static void load_part(grouped *g, size_t k)
{
	size_t base = k * g->per_part;
	size_t n_fam = g->per_part;
	if (base + n_fam > g->n_families)
		n_fam = g->n_families - base;
	g->record_start = ehp_xrealloc(g->record_start, (n_fam + 2) * sizeof *g->record_start);
	memset(g->record_start, 0, (n_fam + 2) * sizeof *g->record_start);
	g->part = k;
	FILE *f = g->parts[k];
	if (!f)
		return;
	long size;
	if (fflush(f) != 0 || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		ehp_die("cannot read back a temporary file of records: %s", strerror(errno));
	size_t len = (size_t)size;
	unsigned char *bytes = g->spilled_bytes = ehp_reserve(g->spilled_bytes, &g->cap_spilled_bytes, len + 1, 1);
	if (fread(bytes, 1, len, f) != len)
		ehp_die("cannot read back a temporary file of records: %s", ferror(f) ? strerror(errno) : "cut short");
	fclose(f);
	g->parts[k] = NULL;
	for (size_t at = 0, size; at < len; at += size) {
		if (len - at < sizeof(spilled))
			ehp_die("a temporary file of records is cut short");
		uint32_t family;
		size = spilled_size(bytes + at, &family);
		if (at + size > len || family < base || family - base >= n_fam)
			ehp_die("a temporary file of records is damaged");
		g->record_start[family - base + 1] += size;
	}
	for (size_t i = 0; i < n_fam; i++)
		g->record_start[i + 1] += g->record_start[i];
	unsigned char *to = g->by_family = ehp_reserve(g->by_family, &g->cap_by_family, len + 1, 1);
	size_t *place = ehp_xmalloc((n_fam + 1) * sizeof *place);
	memcpy(place, g->record_start, (n_fam + 1) * sizeof *place);
	for (size_t at = 0, size; at < len; at += size) {
		uint32_t family;
		size = spilled_size(bytes + at, &family);
		copy_spilled(to + place[family - base], bytes + at, size);
		place[family - base] += size;
	}
	free(place);
}

int ehp_group_family(grouped *g, ehp_batch *b)
{
	if (g->next >= g->n_families)
		return EHP_READ_END;
	size_t f = g->next++;
	size_t k = f / g->per_part;
	if (g->part != k)
		load_part(g, k);
	size_t fi = ehp_batch_push_family(b);
	ehp_batch_family *bf = &b->families[fi];
	const ehp_batch_family *src = &g->families[f];
	/* A batch holds its own ids, so it outlives the reader. */
	*bf = (ehp_batch_family){ .id = ehp_text_keep(&b->text, src->id, strlen(src->id)), .entry = src->entry, .closure = src->closure, .line = src->line,
	                          .file = src->file,
	                          .rejected = src->rejected, .no_members = src->no_members, .people = b->n_people,
	                          .records = b->n_records };
	memcpy(bf->rejected_at, src->rejected_at, sizeof bf->rejected_at);
	for (size_t i = g->people_start[f]; i < g->people_start[f + 1]; i++) {
		const handed_person *h = &g->people_by_family[i];
		ehp_person p = h->p;
		p.id = ehp_text_keep(&b->text, h->id_n <= sizeof h->id ? h->id : p.id, h->id_n);
		ehp_batch_push_person(b, &p);
	}
	bf->n_people = g->people_start[f + 1] - g->people_start[f];
	size_t base = k * g->per_part;
	for (size_t at = g->record_start[f - base], end = g->record_start[f - base + 1]; at < end;)
		at += push_spilled(b, g->by_family + at);
	bf->n_records = b->n_records - bf->records;
	return EHP_READ_MORE;
}

double ehp_group_progress(const grouped *g)
{
	/* every row is read; families are handed on in turn */
	return g->n_families ? (double)g->next / (double)g->n_families : -1;
}
