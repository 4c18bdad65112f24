/*
 * mapfile.c - reading a mapping file (mapfile.h). Line by line: each line
 * is one statement of words, "quoted strings" (a quote inside doubled),
 * `=`, `,` and `->`; `#` starts a comment. A line in error is reported and
 * skipped, so one reading reports every mistake.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "eval.h"
#include "mapfile.h"
#include "mem.h"
#include "suggest.h"

const char *const ehp_map_field_names[EHP_MF_N] = {
	"family_id", "person_id", "entry_date", "closure_date", "date_of_birth", "flags", "type",
	"date",      "end_date",  "value",      "total",        "score",         "detail", "author",
};

/* The fields each kind of row has, as bits. */
#define BIT(f) (1u << (f))
static const unsigned kind_fields[EHP_N_INPUT_FILES] = {
	[EHP_FAMILIES_FILE] = BIT(EHP_MF_FAMILY_ID) | BIT(EHP_MF_ENTRY_DATE) | BIT(EHP_MF_CLOSURE_DATE),
	[EHP_PEOPLE_FILE] = BIT(EHP_MF_FAMILY_ID) | BIT(EHP_MF_PERSON_ID) | BIT(EHP_MF_DATE_OF_BIRTH) | BIT(EHP_MF_FLAGS),
	[EHP_RECORDS_FILE] = BIT(EHP_MF_FAMILY_ID) | BIT(EHP_MF_PERSON_ID) | BIT(EHP_MF_TYPE) | BIT(EHP_MF_DATE) |
	                     BIT(EHP_MF_END_DATE) | BIT(EHP_MF_VALUE) | BIT(EHP_MF_TOTAL) | BIT(EHP_MF_SCORE) |
	                     BIT(EHP_MF_DETAIL) | BIT(EHP_MF_AUTHOR),
};
static const char *const kind_names[EHP_N_INPUT_FILES] = { "families", "people", "records" };
/* Fields whose cells are codes of the vocabulary. */
#define CODED (BIT(EHP_MF_TYPE) | BIT(EHP_MF_DETAIL) | BIT(EHP_MF_AUTHOR) | BIT(EHP_MF_FLAGS))

/* ------------------------------------------------------------ tokens */

typedef enum { T_END, T_WORD, T_STRING, T_EQ, T_COMMA, T_ARROW } tok_kind;

typedef struct {
	tok_kind k;
	const char *s;         /* in the text (a string: its contents, quotes doubled) */
	size_t n, span;        /* span: its length in the text, quotes included */
	ehp_map_at at;
} tok;

typedef struct {
	ehp_map *m;
	FILE *diag;
	int errors;
	unsigned line;
	const char *bol;       /* the line's first byte */
	tok *t;
	size_t n, cap;
	ehp_map_source *cur;   /* the block being read */
} parser;

static void error_at(parser *p, ehp_map_at at, size_t len, const char *message, const char *hint)
{
	p->errors++;
	ehp_map_diag(p->m, p->diag, at, len, message, hint);
}

static void error_tok(parser *p, const tok *t, const char *message, const char *hint)
{
	error_at(p, t->at, t->k == T_END ? 1 : t->span, message, hint);
}

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Splits one line [s, e) into p->t. False (reported) on a bad character or
 * an unclosed string. */
static bool tokenize(parser *p, const char *s, const char *e)
{
	p->n = 0;
	const char *i = s;
	for (;;) {
		while (i < e && (*i == ' ' || *i == '\t' || *i == '\r'))
			i++;
		p->t = ehp_reserve(p->t, &p->cap, p->n + 1, sizeof *p->t);
		tok *t = &p->t[p->n];
		*t = (tok){ .k = T_END, .s = i, .at = { p->line, (unsigned)(i - s) + 1 } };
		if (i == e || *i == '#')
			return true;
		p->n++;
		if (word_char(*i)) {
			while (i < e && word_char(*i))
				i++;
			t->k = T_WORD;
		} else if (*i == '"') {
			const char *q = ++i;
			for (; i < e; i++)
				if (*i == '"' && !(i + 1 < e && i[1] == '"'))
					break;
				else if (*i == '"')
					i++;
			if (i >= e) {
				t->span = (size_t)(e - t->s);
				error_tok(p, t, "a string not closed on its line", "end it with a double quote `\"`");
				return false;
			}
			t->k = T_STRING;
			t->s = q;
			t->n = (size_t)(i - q);
			t->span = t->n + 2;
			i++;
			continue;
		} else if (*i == '=') {
			i++;
			t->k = T_EQ;
		} else if (*i == ',') {
			i++;
			t->k = T_COMMA;
		} else if (*i == '-' && i + 1 < e && i[1] == '>') {
			i += 2;
			t->k = T_ARROW;
		} else {
			t->span = 1;
			error_tok(p, t, "a character a mapping does not use here",
			          "names of files, columns and codes go in double quotes: \"Family ID\"");
			return false;
		}
		t->n = t->span = (size_t)(i - t->s);
	}
}

static bool is_word(const tok *t, const char *w)
{
	return t->k == T_WORD && t->n == strlen(w) && !memcmp(t->s, w, t->n);
}

/* A string token's contents with doubled quotes undone. */
static char *string_of(const tok *t)
{
	char *out = ehp_xmalloc(t->n + 1), *o = out;
	for (size_t i = 0; i < t->n; i++) {
		*o++ = t->s[i];
		if (t->s[i] == '"')
			i++;
	}
	*o = '\0';
	return out;
}

/* ------------------------------------------------------------ names */

/* The names a field's codes translate to, for lookups and suggestions. */
static size_t vocabulary(ehp_map_field f, const char **names, size_t cap)
{
	size_t n = 0;
	if (f == EHP_MF_TYPE)
		for (int i = 0; i < EHP_N_TYPES && n < cap; i++)
			names[n++] = ehp_types[i].name;
	else if (f == EHP_MF_DETAIL)
		for (int i = 1; i < EHP_N_DETAILS && n < cap; i++)
			names[n++] = ehp_detail_names[i];
	else if (f == EHP_MF_AUTHOR)
		for (int i = 1; i < EHP_N_ROLES && n < cap; i++)
			names[n++] = ehp_role_names[i];
	else if (f == EHP_MF_FLAGS)
		for (int i = 0; i < EHP_N_FLAGS && n < cap; i++)
			names[n++] = ehp_flag_names[i];
	return n;
}

static const char *what_names(ehp_map_field f)
{
	return f == EHP_MF_TYPE ? "record type" : f == EHP_MF_DETAIL ? "detail" : f == EHP_MF_AUTHOR ? "role" : "flag";
}

/* The vocabulary index of word t for field f, or -1 (reported). */
static int vocabulary_name(parser *p, const tok *t, ehp_map_field f)
{
	const char *names[EHP_N_TYPES + EHP_N_DETAILS + EHP_N_ROLES + EHP_N_FLAGS];
	size_t n = vocabulary(f, names, sizeof names / sizeof *names);
	/* Exactly as the dictionary writes it: a mapping is written once, with care. */
	for (size_t i = 0; t->k == T_WORD && i < n; i++)
		if (strlen(names[i]) == t->n && !memcmp(names[i], t->s, t->n))
			return (int)i + (f == EHP_MF_DETAIL || f == EHP_MF_AUTHOR); /* details and roles start at 1 */
	char msg[160], hint[200];
	char *w = t->k == T_WORD || t->k == T_STRING ? ehp_xstrndup(t->s, t->n) : NULL;
	const char *near = w ? suggest(w, names, n) : NULL;
	snprintf(msg, sizeof msg, "expected a %s of the data dictionary", what_names(f));
	if (near)
		snprintf(hint, sizeof hint, "did you mean `%s`?", near);
	else
		snprintf(hint, sizeof hint, "the %ss are listed in docs/data-dictionary.md", what_names(f));
	error_tok(p, t, msg, hint);
	free(w);
	return -1;
}

static int field_of(const tok *t)
{
	for (int f = 0; f < EHP_MF_N; f++)
		if (is_word(t, ehp_map_field_names[f]))
			return f;
	return -1;
}

/* ------------------------------------------------------------ statements */

static bool expect_end(parser *p, size_t i)
{
	if (p->t[i].k == T_END)
		return true;
	error_tok(p, &p->t[i], "more on this line than a statement takes", "one statement a line");
	return false;
}

static bool expect_string(parser *p, size_t i, const char *what)
{
	if (p->t[i].k == T_STRING)
		return true;
	char msg[120];
	snprintf(msg, sizeof msg, "expected %s in double quotes", what);
	error_tok(p, &p->t[i], msg, "for example \"Family ID\": as the header row writes it");
	return false;
}

static bool expect_word(parser *p, size_t i, const char *w, const char *hint)
{
	if (is_word(&p->t[i], w))
		return true;
	char msg[80];
	snprintf(msg, sizeof msg, "expected `%s`", w);
	error_tok(p, &p->t[i], msg, hint);
	return false;
}

static void start_block(parser *p, int kind)
{
	if (!expect_string(p, 2, "the council's file name") || !expect_end(p, 3))
		return;
	ehp_map *m = p->m;
	m->sources = ehp_xrealloc(m->sources, (m->n_sources + 1) * sizeof *m->sources);
	ehp_map_source *s = p->cur = &m->sources[m->n_sources++];
	*s = (ehp_map_source){ .kind = kind, .file = string_of(&p->t[2]), .at = p->t[2].at };
	for (int f = 0; f < EHP_MF_N; f++)
		s->fixed[f] = -1;
	if (strpbrk(s->file, "/\\") || !*s->file || !strcmp(s->file, ".") || !strcmp(s->file, "..")) {
		error_tok(p, &p->t[2], "a file name, not a path", "the files are read from the --data folder");
		s->file[0] = '\0';
	}
}

/* A field named in statement word i, allowed in this block. -1 reported. */
static int block_field(parser *p, size_t i, unsigned allowed, const char *hint)
{
	int f = field_of(&p->t[i]);
	if (f >= 0 && (kind_fields[p->cur->kind] & allowed & BIT(f)))
		return f;
	char msg[120];
	if (f >= 0)
		snprintf(msg, sizeof msg, "%s rows have no `%s` that can be set here", kind_names[p->cur->kind],
		         ehp_map_field_names[f]);
	else
		snprintf(msg, sizeof msg, "expected a field of %s rows", kind_names[p->cur->kind]);
	char list[400] = "";
	const char *names[EHP_MF_N];
	size_t n = 0;
	for (int g = 0; g < EHP_MF_N; g++) {
		if (kind_fields[p->cur->kind] & allowed & BIT(g)) {
			names[n++] = ehp_map_field_names[g];
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", *list ? ", " : "",
			         ehp_map_field_names[g]);
		}
	}
	char h[520], *w = ehp_xstrndup(p->t[i].s, p->t[i].n);
	const char *near = p->t[i].k == T_WORD && f < 0 ? suggest(w, names, n) : NULL;
	free(w);
	if (near)
		snprintf(h, sizeof h, "did you mean `%s`? %s: %s", near, hint, list);
	else
		snprintf(h, sizeof h, "%s: %s", hint, list);
	error_tok(p, &p->t[i], msg, h);
	return -1;
}

/* "A", "B", ... from token i: the strings, their count in *n; the index
 * after them in *end. NULL (reported) when not a list of strings. */
static size_t code_list(parser *p, size_t i)
{
	if (!expect_string(p, i, "a council code"))
		return 0;
	while (p->t[i + 1].k == T_COMMA) {
		i += 2;
		if (!expect_string(p, i, "a council code"))
			return 0;
	}
	return i + 1;
}

static void add_codes(parser *p, size_t first, size_t end, ehp_map_field f, int target)
{
	ehp_map_source *s = p->cur;
	for (size_t i = first; i < end; i += 2) {
		char *code = string_of(&p->t[i]);
		for (size_t k = 0; k < s->n_codes; k++) {
			if (s->codes[k].field == f && !strcasecmp(s->codes[k].code, code)) {
				error_tok(p, &p->t[i], "this code is already given (codes are read with case ignored)",
				          "a code stands for one name");
				free(code);
				code = NULL;
				break;
			}
		}
		if (!code)
			continue;
		s->codes = ehp_xrealloc(s->codes, (s->n_codes + 1) * sizeof *s->codes);
		s->codes[s->n_codes++] = (ehp_map_code){ .code = code, .field = f, .target = target, .at = p->t[i].at };
	}
}

static void set_column(parser *p, int f, const tok *t)
{
	ehp_map_source *s = p->cur;
	if (s->column[f] || s->fixed[f] >= 0) {
		error_tok(p, t, "this field is already given in this block", "one column or value a field");
		return;
	}
	s->column[f] = string_of(t);
	s->column_at[f] = t->at;
}

/* `FIELD = "Header"`, `FIELD is name`, `FIELD code "A", "B" -> name`. */
static void field_statement(parser *p)
{
	int f = block_field(p, 0, ~0u, "the fields are");
	if (f < 0)
		return;
	tok *t = p->t;
	if (t[1].k == T_EQ) {
		if (expect_string(p, 2, "the council's column header") && expect_end(p, 3))
			set_column(p, f, &t[2]);
		return;
	}
	if (!(CODED & BIT(f)) || f == EHP_MF_FLAGS) {
		if (!is_word(&t[1], "is") && !is_word(&t[1], "code"))
			error_tok(p, &t[1], "expected `=`", "FIELD = \"Header\": the column that holds it");
		else if (f == EHP_MF_FLAGS && is_word(&t[1], "code"))
			goto codes;
		else
			error_tok(p, &t[1], "this field can only be read from a column", "FIELD = \"Header\"");
		return;
	}
	if (is_word(&t[1], "is")) {
		int v = vocabulary_name(p, &t[2], (ehp_map_field)f);
		if (v < 0 || !expect_end(p, 3))
			return;
		if (p->cur->column[f] || p->cur->fixed[f] >= 0) {
			error_tok(p, &t[0], "this field is already given in this block", "one column or value a field");
			return;
		}
		p->cur->fixed[f] = v;
		p->cur->column_at[f] = t[2].at;
		return;
	}
	if (!is_word(&t[1], "code")) {
		error_tok(p, &t[1], "expected `=`, `is` or `code`",
		          "FIELD = \"Header\", FIELD is NAME, or FIELD code \"CODE\" -> NAME");
		return;
	}
codes:;
	size_t end = code_list(p, 2);
	if (!end)
		return;
	if (t[end].k != T_ARROW) {
		error_tok(p, &t[end], "expected `->` and the name the codes stand for", "code \"YC\", \"Youth Caution\" -> out_of_court_disposal");
		return;
	}
	int v = vocabulary_name(p, &t[end + 1], (ehp_map_field)f);
	if (v >= 0 && expect_end(p, end + 2))
		add_codes(p, 2, end, (ehp_map_field)f, v);
}

static void ignore_statement(parser *p)
{
	int f = block_field(p, 1, CODED, "codes can be ignored in");
	if (f < 0)
		return;
	size_t end = code_list(p, 2);
	if (end && expect_end(p, end))
		add_codes(p, 2, end, (ehp_map_field)f, -1);
}

/* `join "FILE" on "From" = "Key"`, or `join "FILE" on "Key"` (From: the
 * block's person_id column, filled in by check_block). */
static void join_statement(parser *p)
{
	ehp_map_source *s = p->cur;
	if (!expect_string(p, 1, "the joined file's name") ||
	    !expect_word(p, 2, "on", "join \"FILE\" on \"Person ID\", or on \"Column Here\" = \"FILE's Column\"") ||
	    !expect_string(p, 3, "a column header"))
		return;
	bool two = p->t[4].k == T_EQ;
	if ((two && !expect_string(p, 5, "the joined file's column header")) || !expect_end(p, two ? 6 : 4))
		return;
	const tok *file = &p->t[1];
	if (s->n_joins == EHP_MAP_MAX_JOINS) {
		char msg[120];
		snprintf(msg, sizeof msg, "a chain of more than %d joins", EHP_MAP_MAX_JOINS);
		error_tok(p, &p->t[0], msg, "a block follows a few ids to its person; export a shorter chain");
		return;
	}
	char *name = string_of(file);
	if (strpbrk(name, "/\\") || !*name || !strcmp(name, ".") || !strcmp(name, "..")) {
		error_tok(p, file, "a file name, not a path", "the files are read from the --data folder");
		free(name);
		return;
	}
	/* A file met twice on one chain would have the chain come back on itself. */
	bool again = !strcmp(name, s->file);
	for (size_t k = 0; k < s->n_joins && !again; k++)
		again = !strcmp(name, s->joins[k].file);
	if (again) {
		error_tok(p, file, "this file is already on the block's chain: a join back to it is a cycle",
		          "each file appears once in a block: its own, then each file it joins");
		free(name);
		return;
	}
	s->joins = ehp_xrealloc(s->joins, (s->n_joins + 1) * sizeof *s->joins);
	ehp_map_join *j = &s->joins[s->n_joins++];
	*j = (ehp_map_join){ .file = name, .at = file->at };
	if (two) {
		j->from = string_of(&p->t[3]);
		j->from_at = p->t[3].at;
	}
	j->key = string_of(&p->t[two ? 5 : 3]);
	j->key_at = p->t[two ? 5 : 3].at;
}

static void flag_statement(parser *p)
{
	ehp_map_source *s = p->cur;
	if (s->kind != EHP_PEOPLE_FILE) {
		error_tok(p, &p->t[0], "flags are set on people rows", "flag NAME = \"Header\" goes in a people block");
		return;
	}
	int flag = vocabulary_name(p, &p->t[1], EHP_MF_FLAGS);
	if (flag < 0 || p->t[2].k != T_EQ) {
		if (flag >= 0)
			error_tok(p, &p->t[2], "expected `=`", "flag parent = \"Is Parent\": a yes/no column");
		return;
	}
	if (!expect_string(p, 3, "the yes/no column's header") || !expect_end(p, 4))
		return;
	s->flag_columns = ehp_xrealloc(s->flag_columns, (s->n_flag_columns + 1) * sizeof *s->flag_columns);
	s->flag_columns[s->n_flag_columns++] =
		(ehp_map_flag_column){ .flag = flag, .header = string_of(&p->t[3]), .at = p->t[3].at };
}

static void measure_statement(parser *p)
{
	ehp_map_source *s = p->cur;
	if (s->kind != EHP_RECORDS_FILE) {
		error_tok(p, &p->t[0], "a measure makes records", "measure TYPE = \"Header\" goes in a records block");
		return;
	}
	int type = vocabulary_name(p, &p->t[1], EHP_MF_TYPE);
	if (type < 0)
		return;
	if (ehp_types[type].unit == EHP_UNIT_NONE) {
		error_tok(p, &p->t[1], "this record type has no figure to measure",
		          "a measure is a type with a value: sessions, days or pounds (docs/data-dictionary.md)");
		return;
	}
	if (p->t[2].k != T_EQ) {
		error_tok(p, &p->t[2], "expected `=`", "measure attendance = \"Sessions Attended\" of \"Possible Sessions\"");
		return;
	}
	if (!expect_string(p, 3, "the figure's column header"))
		return;
	ehp_map_measure me = { .type = type, .value = NULL, .at = p->t[3].at };
	size_t end = 4;
	if (is_word(&p->t[4], "of")) {
		if (!expect_string(p, 5, "the total's column header"))
			return;
		me.total_at = p->t[5].at;
		end = 6;
	}
	if (!expect_end(p, end))
		return;
	me.value = string_of(&p->t[3]);
	me.total = end == 6 ? string_of(&p->t[5]) : NULL;
	s->measures = ehp_xrealloc(s->measures, (s->n_measures + 1) * sizeof *s->measures);
	s->measures[s->n_measures++] = me;
}

static void statement(parser *p)
{
	tok *t = p->t;
	for (int k = 0; k < EHP_N_INPUT_FILES; k++) {
		if (is_word(&t[0], kind_names[k])) {
			if (expect_word(p, 1, "from", "families from \"FILE\": the council's file in the --data folder"))
				start_block(p, k);
			return;
		}
	}
	if (!p->cur) {
		error_tok(p, &t[0], "expected a block: `families from`, `people from` or `records from`",
		          "a mapping is blocks, each starting `families from \"FILE\"` and saying what the file holds");
		return;
	}
	if (is_word(&t[0], "join"))
		join_statement(p);
	else if (is_word(&t[0], "flag"))
		flag_statement(p);
	else if (is_word(&t[0], "measure"))
		measure_statement(p);
	else if (is_word(&t[0], "ignore"))
		ignore_statement(p);
	else
		field_statement(p);
}

/* ------------------------------------------------------------ whole blocks */

static void need_field(parser *p, const ehp_map_source *s, int f)
{
	if (s->column[f] || s->fixed[f] >= 0)
		return;
	char msg[200], hint[200];
	snprintf(msg, sizeof msg, "%s from \"%s\" does not say which column holds `%s`", kind_names[s->kind], s->file,
	         ehp_map_field_names[f]);
	snprintf(hint, sizeof hint, "add a line to the block: %s = \"Header\"", ehp_map_field_names[f]);
	error_at(p, s->at, strlen(s->file) + 2, msg, hint);
}

/* `join "FILE" on "Key"` follows the block's person id. */
static void check_joins(parser *p, ehp_map_source *s)
{
	for (size_t k = 0; k < s->n_joins; k++) {
		ehp_map_join *j = &s->joins[k];
		if (j->from)
			continue;
		if (!s->column[EHP_MF_PERSON_ID]) {
			error_at(p, j->key_at, strlen(j->key) + 2,
			         "`join \"FILE\" on \"Key\"` follows the block's person_id, which it does not read from a column",
			         "name the column it follows: join \"FILE\" on \"Column Here\" = \"FILE's Column\"");
			continue;
		}
		j->from = ehp_xstrndup(s->column[EHP_MF_PERSON_ID], strlen(s->column[EHP_MF_PERSON_ID]));
		j->from_at = s->column_at[EHP_MF_PERSON_ID];
	}
}

static void check_block(parser *p, ehp_map_source *s)
{
	check_joins(p, s);
	if (s->kind == EHP_FAMILIES_FILE) {
		need_field(p, s, EHP_MF_FAMILY_ID);
		need_field(p, s, EHP_MF_ENTRY_DATE);
	} else if (s->kind == EHP_PEOPLE_FILE) {
		need_field(p, s, EHP_MF_FAMILY_ID);
		need_field(p, s, EHP_MF_PERSON_ID);
		need_field(p, s, EHP_MF_DATE_OF_BIRTH);
	} else {
		need_field(p, s, EHP_MF_DATE);
		if (!s->column[EHP_MF_FAMILY_ID] && !s->column[EHP_MF_PERSON_ID])
			need_field(p, s, EHP_MF_PERSON_ID);
		if (s->n_measures) {
			for (int f = EHP_MF_TYPE; f <= EHP_MF_TOTAL; f += EHP_MF_TOTAL - EHP_MF_TYPE)
				if (s->column[f] || s->fixed[f] >= 0)
					error_at(p, s->column_at[f], 1, "a block of measures gives each record's type and figures",
					         "read the other types from the file in a block of their own");
			if (s->column[EHP_MF_VALUE])
				error_at(p, s->column_at[EHP_MF_VALUE], 1,
				         "a block of measures gives each record's type and figures",
				         "read the other types from the file in a block of their own");
		} else {
			need_field(p, s, EHP_MF_TYPE);
		}
	}
	for (size_t k = 0; k < s->n_codes; k++) {
		if (!s->column[s->codes[k].field]) {
			char msg[160];
			snprintf(msg, sizeof msg, "codes for `%s`, which this block does not read from a column",
			         ehp_map_field_names[s->codes[k].field]);
			error_at(p, s->codes[k].at, strlen(s->codes[k].code) + 2, msg, "add FIELD = \"Header\" for the codes' column");
		}
	}
}

static void check_map(parser *p)
{
	bool have[EHP_N_INPUT_FILES] = { 0 };
	for (size_t i = 0; i < p->m->n_sources; i++) {
		check_block(p, &p->m->sources[i]);
		have[p->m->sources[i].kind] = true;
	}
	for (int k = EHP_FAMILIES_FILE; k <= EHP_PEOPLE_FILE; k++) {
		if (have[k])
			continue;
		char msg[120], hint[120];
		snprintf(msg, sizeof msg, "no `%s from` block: the evaluator needs %s", kind_names[k],
		         k == EHP_FAMILIES_FILE ? "the families and their dates" : "each family's members");
		snprintf(hint, sizeof hint, "add a block: %s from \"FILE\"", kind_names[k]);
		error_at(p, (ehp_map_at){ 1, 1 }, 1, msg, hint);
	}
}

int ehp_map_parse(ehp_map *m, const char *path, const char *text, size_t len, FILE *diag)
{
	*m = (ehp_map){ .path = ehp_xstrndup(path, strlen(path)), .text = ehp_xstrndup(text, len), .len = len };
	parser p = { .m = m, .diag = diag };
	const char *s = m->text, *end = m->text + len;
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3; /* a byte order mark, as Notepad saves UTF-8 */
	for (p.line = 1; s <= end; p.line++) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			e = end;
		p.bol = s;
		if (memchr(s, '\0', (size_t)(e - s)))
			error_at(&p, (ehp_map_at){ p.line, 1 }, 1, "a NUL byte in the line", "a mapping is plain text");
		else if (tokenize(&p, s, e) && p.n)
			statement(&p);
		s = e + 1;
	}
	check_map(&p);
	free(p.t);
	if (diag && p.errors)
		fprintf(diag, "%s: %d error%s\n", path, p.errors, p.errors == 1 ? "" : "s");
	return p.errors;
}

int ehp_map_load(ehp_map *m, const char *path, FILE *diag, char *err, size_t errlen)
{
	*m = (ehp_map){ 0 };
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	size_t cap = 4096, n = 0;
	char *buf = ehp_xmalloc(cap);
	size_t got;
	enum { MAX_MAP = 1 << 20 }; /* a mapping is a page or two; a megabyte is something else */
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap && (buf = ehp_reserve(buf, &cap, n + 1, 1)) && n > MAX_MAP)
			break;
	}
	bool bad = ferror(f) || n > MAX_MAP;
	int e = errno;
	fclose(f);
	if (bad) {
		snprintf(err, errlen, "%s: %s", path, n > MAX_MAP ? "more than a megabyte: not a mapping" : strerror(e));
		free(buf);
		return -1;
	}
	int rc = ehp_map_parse(m, path, buf, n, diag);
	free(buf);
	return rc;
}

void ehp_map_free(ehp_map *m)
{
	for (size_t i = 0; i < m->n_sources; i++) {
		ehp_map_source *s = &m->sources[i];
		free(s->file);
		for (size_t k = 0; k < s->n_joins; k++) {
			free(s->joins[k].file);
			free(s->joins[k].from);
			free(s->joins[k].key);
		}
		free(s->joins);
		for (int f = 0; f < EHP_MF_N; f++)
			free(s->column[f]);
		for (size_t k = 0; k < s->n_flag_columns; k++)
			free(s->flag_columns[k].header);
		free(s->flag_columns);
		for (size_t k = 0; k < s->n_measures; k++) {
			free(s->measures[k].value);
			free(s->measures[k].total);
		}
		free(s->measures);
		for (size_t k = 0; k < s->n_codes; k++)
			free(s->codes[k].code);
		free(s->codes);
	}
	free(m->sources);
	free(m->path);
	free(m->text);
	*m = (ehp_map){ 0 };
}

void ehp_map_diag(const ehp_map *m, FILE *diag, ehp_map_at at, size_t len, const char *message, const char *hint)
{
	if (!diag)
		return;
	fprintf(diag, "%s:%u:%u: error: %s\n", m->path, at.line, at.col, message);
	/* The line itself, its control bytes shown as spaces so a caret lines up. */
	const char *s = m->text, *end = m->text + m->len;
	if (m->len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	for (unsigned l = 1; l < at.line && s < end; l++) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		s = e ? e + 1 : end;
	}
	const char *e = memchr(s, '\n', (size_t)(end - s));
	if (!e)
		e = end;
	fprintf(diag, "%5u | ", at.line);
	for (const char *c = s; c < e; c++)
		fputc((unsigned char)*c < 0x20 || *c == 0x7f ? ' ' : *c, diag);
	fprintf(diag, "\n      | %*s^", (int)(at.col - 1), "");
	for (size_t i = 1; i < len && i < 200; i++)
		fputc('~', diag);
	fputc('\n', diag);
	if (hint)
		fprintf(diag, "      = hint: %s\n", hint);
}
