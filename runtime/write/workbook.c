/*
 * workbook.c - results.xlsx's cells (workbook_xlsx.h). The sheets are this
 * run's own CSV rows, as its writers made them for the files (the one
 * definition of every row), handed over in memory while the run goes on
 * (workbook_thread.c): the workbook only gives each column its type, found
 * from its header: `*_date` and `judgeable_after` are dates, `themes_met`
 * and `plan_line` numbers, everything else text.
 *
 * libxlsxwriter writes to a path, opening it itself when the workbook is
 * closed; it is given /proc/self/fd/N, the temporary file ehp_out_open
 * created (exclusively, 0600, no link followed), so the library reopens
 * that very file and the atomic writer still finishes, hashes and
 * publishes it. Constant-memory mode: each sheet's rows go to a temporary
 * file of the library's as they are written, so memory stays flat however
 * many rows there are, and the sheets can be filled side by side.
 */
#include <string.h>
#include "workbook_xlsx.h"

#ifndef EHP_XLSX

bool ehp_workbook_built(void)
{
	return false;
}

ehp_xlsx *ehp_xlsx_new(const char *path, const ehp_plan *plan, ehp_date claim, char *err, size_t errlen)
{
	(void)path, (void)plan, (void)claim;
	snprintf(err, errlen, "results.xlsx: this evaluator was built without libxlsxwriter");
	return NULL;
}

void ehp_xlsx_rows(ehp_xlsx *x, ehp_sheet sheet, const char *text, size_t len)
{
	(void)x, (void)sheet, (void)text, (void)len;
}

int ehp_xlsx_close(ehp_xlsx *x, const ehp_receipt *rec, const char *run_id, const ehp_counts *counts, char *err,
                   size_t errlen)
{
	(void)x, (void)rec, (void)run_id, (void)counts;
	snprintf(err, errlen, "results.xlsx: this evaluator was built without libxlsxwriter");
	return -1;
}

#else

#include <stdlib.h>
#include <xlsxwriter.h>
#include "mem.h"

bool ehp_workbook_built(void)
{
	return true;
}

enum { TEXT, NUMBER, DATE };
/* Excel's day number of 1970-01-01, the day ehp_date counts from. */
#define EXCEL_1970 25569.0

typedef struct {
	lxw_workbook *book;
	lxw_format *bold, *date;
	char *err;
	size_t errlen;
	int failed;
} book;

/* A cell's text as an XML document may hold it: a control byte (not tab
 * or line break) or a byte that is not UTF-8 is written as \xNN, as on a
 * terminal. Returns s itself when it is clean, else a copy in *copy. */
static const char *clean_text(const char *s, char **copy)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	char *out = NULL, *o = NULL;
	while (i < n) {
		unsigned c = p[i];
		size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 && c >= 0xC2 ? 2 : (c & 0xF0) == 0xE0 ? 3
		             : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		bool ok = len > 0 && i + len <= n && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
		for (size_t k = 1; ok && k < len; k++)
			ok = (p[i + k] & 0xC0) == 0x80;
		if (ok && len == 3) /* no overlong forms, no surrogates */
			ok = !(c == 0xE0 && p[i + 1] < 0xA0) && !(c == 0xED && p[i + 1] >= 0xA0);
		if (ok && len == 4)
			ok = !(c == 0xF0 && p[i + 1] < 0x90) && !(c == 0xF4 && p[i + 1] >= 0x90);
		if (!ok && !out) {
			out = o = ehp_xmalloc(4 * n + 1);
			memcpy(o, s, i);
			o += i;
		}
		if (!ok) {
			o += sprintf(o, "\\x%02X", c);
			i++;
			continue;
		}
		if (out) {
			memcpy(o, s + i, len);
			o += len;
		}
		i += len;
	}
	if (!out)
		return s;
	*o = '\0';
	*copy = out;
	return out;
}

static void check(book *b, lxw_error e, const char *what)
{
	if (e != LXW_NO_ERROR && !b->failed) {
		snprintf(b->err, b->errlen, "results.xlsx: %s: %s", what, lxw_strerror(e));
		b->failed = 1;
	}
}

static void put_text(book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *fmt,
                     const char *file)
{
	char *copy = NULL;
	lxw_error e = worksheet_write_string(ws, row, col, clean_text(s, &copy), fmt);
	free(copy);
	if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
		char note[96];
		snprintf(note, sizeof note, "(longer than a spreadsheet cell may hold: see %s)", file);
		e = worksheet_write_string(ws, row, col, note, fmt);
	}
	check(b, e, "a cell");
}

/* ------------------------------------------------------------ CSV sheets */

/* One sheet being filled from its CSV. */
typedef struct {
	book *b;
	lxw_worksheet *ws;
	const char *file;
	int *kinds;            /* each column's type, from the header */
	lxw_col_t n_cols;
	lxw_row_t row;         /* the next row to write */
	unsigned long beyond;  /* rows past the sheet's last (Excel's limit) */
	/* the row being read */
	char *text;            /* its cells, each NUL-ended */
	size_t len, cap;
	size_t *starts;
	size_t n_cells, cap_cells;
	enum { START, PLAIN, QUOTED, QUOTE_IN_QUOTED } state;
} sheet_fill;

static int kind_of(const char *name)
{
	size_t n = strlen(name);
	if ((n > 5 && !strcmp(name + n - 5, "_date")) || !strcmp(name, "judgeable_after"))
		return DATE;
	return !strcmp(name, "themes_met") || !strcmp(name, "plan_line") ? NUMBER : TEXT;
}

static double width_of(const char *name)
{
	size_t n = strlen(name);
	bool words = (n > 5 && !strcmp(name + n - 5, "_text")) || !strcmp(name, "text") || !strcmp(name, "reason") ||
	             !strcmp(name, "theme_title") ||
	             !strcmp(name, "indicators_met") || !strcmp(name, "outcomes_achieved");
	return words ? 48 : 14;
}

static void header_row(sheet_fill *s)
{
	s->n_cols = (lxw_col_t)s->n_cells;
	s->kinds = ehp_xcalloc(s->n_cells + 1, sizeof *s->kinds);
	for (size_t c = 0; c < s->n_cells; c++) {
		const char *name = s->text + s->starts[c];
		s->kinds[c] = kind_of(name);
		check(s->b, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, width_of(name), NULL), "a column");
		put_text(s->b, s->ws, 0, (lxw_col_t)c, name, s->b->bold, s->file);
	}
	worksheet_freeze_panes(s->ws, 1, 0);
}

static void data_row(sheet_fill *s)
{
	if (s->row >= LXW_ROW_MAX) {
		s->beyond++;
		return;
	}
	for (size_t c = 0; c < s->n_cells && c < s->n_cols; c++) {
		const char *v = s->text + s->starts[c];
		if (!*v)
			continue; /* an empty cell stays empty */
		ehp_date d = s->kinds[c] == DATE ? ehp_date_parse(v, strlen(v)) : EHP_NO_DATE;
		char *end = NULL;
		double x = s->kinds[c] == NUMBER ? strtod(v, &end) : 0;
		if (d != EHP_NO_DATE)
			check(s->b, worksheet_write_number(s->ws, s->row, (lxw_col_t)c, EXCEL_1970 + d, s->b->date), "a date");
		else if (end && !*end)
			check(s->b, worksheet_write_number(s->ws, s->row, (lxw_col_t)c, x, NULL), "a number");
		else
			put_text(s->b, s->ws, s->row, (lxw_col_t)c, v, NULL, s->file);
	}
	s->row++;
}

static void add_byte(sheet_fill *s, char c)
{
	if (s->len + 1 >= s->cap)
		s->text = ehp_reserve(s->text, &s->cap, s->len + 2, 1);
	s->text[s->len++] = c;
}

static void end_cell(sheet_fill *s)
{
	add_byte(s, '\0');
	s->state = START;
}

static void start_cell(sheet_fill *s)
{
	s->starts = ehp_reserve(s->starts, &s->cap_cells, s->n_cells + 1, sizeof *s->starts);
	s->starts[s->n_cells++] = s->len;
}

static void end_row(sheet_fill *s)
{
	if (s->row == 0 && !s->kinds) {
		header_row(s);
		s->row = 1;
	} else {
		data_row(s);
	}
	s->len = 0;
	s->n_cells = 0;
}

/* The CSV as ehp_csv_field writes it: a field quoted when it holds a
 * comma, a quote or a line break, quotes doubled; rows end in \n. */
static void feed(sheet_fill *s, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (s->state == QUOTE_IN_QUOTED) {
			if (c == '"') {
				add_byte(s, '"');
				s->state = QUOTED;
				continue;
			}
			s->state = PLAIN; /* the closing quote: c is what follows the field */
		}
		if (s->state == QUOTED) {
			if (c == '"')
				s->state = QUOTE_IN_QUOTED;
			else
				add_byte(s, c);
			continue;
		}
		if (s->state == START) {
			start_cell(s);
			s->state = PLAIN;
			if (c == '"') {
				s->state = QUOTED;
				continue;
			}
		}
		if (c == ',') {
			end_cell(s);
		} else if (c == '\n') {
			end_cell(s);
			end_row(s);
		} else {
			add_byte(s, c);
		}
	}
}

/* Each data sheet's name, and the CSV file that holds the same rows. */
static const struct {
	const char *sheet, *file;
} data_sheets[EHP_N_SHEETS] = {
	[EHP_SHEET_RESULTS] = { "Results", "results.csv" },
	[EHP_SHEET_INDICATORS] = { "Indicators", "indicators.csv" },
	[EHP_SHEET_OUTCOMES] = { "Outcomes", "outcomes.csv" },
	[EHP_SHEET_PLAN_ROWS] = { "Plan rows", "plan_rows.csv" },
};

struct ehp_xlsx {
	book b;
	char err[512];
	lxw_worksheet *summary;
	sheet_fill sheets[EHP_N_SHEETS];
};

ehp_xlsx *ehp_xlsx_new(const char *path, const ehp_plan *plan, ehp_date claim, char *err, size_t errlen)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE };
	lxw_workbook *lib = workbook_new_opt(path, &opt);
	if (!lib) {
		snprintf(err, errlen, "results.xlsx: cannot write the workbook");
		return NULL;
	}
	ehp_xlsx *x = ehp_xcalloc(1, sizeof *x);
	x->b = (book){ .book = lib, .err = x->err, .errlen = sizeof x->err };
	/* The same run gives the same bytes: no clock in the file. */
	lxw_doc_properties props = { .title = (char *)plan->title, .created = (time_t)claim * 86400 };
	check(&x->b, workbook_set_properties(lib, &props), "its properties");
	x->b.bold = workbook_add_format(lib);
	format_set_bold(x->b.bold);
	x->b.date = workbook_add_format(lib);
	format_set_num_format(x->b.date, "yyyy-mm-dd");
	x->summary = workbook_add_worksheet(lib, "Summary");
	for (int k = 0; k < EHP_N_SHEETS; k++)
		x->sheets[k] = (sheet_fill){ .b = &x->b, .ws = workbook_add_worksheet(lib, data_sheets[k].sheet),
		                             .file = data_sheets[k].file };
	return x;
}

void ehp_xlsx_rows(ehp_xlsx *x, ehp_sheet sheet, const char *text, size_t len)
{
	if (!x->b.failed)
		feed(&x->sheets[sheet], text, len);
}

/* ------------------------------------------------------------ summary */

typedef struct {
	book *b;
	lxw_worksheet *ws;
	lxw_row_t row;
} summary;

static void line_text(summary *s, const char *label, const char *value)
{
	put_text(s->b, s->ws, s->row, 0, label, s->b->bold, "results.csv");
	put_text(s->b, s->ws, s->row++, 1, value, NULL, "results.csv");
}

static void line_count(summary *s, const char *label, unsigned long n)
{
	put_text(s->b, s->ws, s->row, 0, label, s->b->bold, "results.csv");
	check(s->b, worksheet_write_number(s->ws, s->row++, 1, (double)n, NULL), "a number");
}

static void write_summary(summary *s, const ehp_receipt *rec, const char *run_id, const ehp_counts *c,
                          const sheet_fill *sheets)
{
	const ehp_plan *plan = rec->plan;
	check(s->b, worksheet_set_column(s->ws, 0, 0, 44, NULL), "a column");
	check(s->b, worksheet_set_column(s->ws, 1, 2, 22, NULL), "a column");
	line_text(s, "Plan", plan->title);
	line_text(s, "Plan file", plan->file);
	line_text(s, "Plan SHA-256", plan->hash);
	put_text(s->b, s->ws, s->row, 0, "Claim date", s->b->bold, "results.csv");
	check(s->b, worksheet_write_number(s->ws, s->row++, 1, EXCEL_1970 + rec->claim, s->b->date), "a date");
	line_text(s, "Run (receipt.txt)", run_id);
	line_text(s, "Evaluator", plan->name);
	line_text(s, "ehp", EHP_VERSION);
	s->row++;
	line_count(s, "Families in the extract", c->families);
	line_count(s, "Identified (an indicator met)", c->identified);
	line_count(s, "Eligible", c->eligible);
	line_count(s, "With an outcome achieved", c->achieved);
	line_count(s, "Claimable", c->claimable);
	if (rec->claims_given) /* --claims */
		line_count(s, "Already claimed (claim rule met, claimed before)", c->already_claimed);
	line_count(s, "Judged on incomplete data", c->incomplete);
	line_count(s, "Rows rejected", rec->rejected);
	s->row++;
	put_text(s->b, s->ws, s->row, 0, "Theme", s->b->bold, "results.csv");
	put_text(s->b, s->ws, s->row, 1, "Families", s->b->bold, "results.csv");
	put_text(s->b, s->ws, s->row++, 2, "Members", s->b->bold, "results.csv");
	for (int t = 0; t < plan->n_themes; t++) {
		put_text(s->b, s->ws, s->row, 0, plan->themes[t].title, NULL, "results.csv");
		check(s->b, worksheet_write_number(s->ws, s->row, 1, (double)c->theme[t].families, NULL), "a number");
		check(s->b, worksheet_write_number(s->ws, s->row++, 2, (double)c->theme[t].members, NULL), "a number");
	}
	for (int k = 0; k < EHP_N_SHEETS; k++) {
		if (!sheets[k].beyond)
			continue;
		char note[160];
		snprintf(note, sizeof note, "%s: %lu rows beyond a sheet's limit (%d rows) are in %s only",
		         data_sheets[k].sheet, sheets[k].beyond, LXW_ROW_MAX, data_sheets[k].file);
		s->row++;
		put_text(s->b, s->ws, s->row++, 0, note, NULL, "results.csv");
	}
}

int ehp_xlsx_close(ehp_xlsx *x, const ehp_receipt *rec, const char *run_id, const ehp_counts *counts, char *err,
                   size_t errlen)
{
	book *b = &x->b;
	for (int k = 0; k < EHP_N_SHEETS; k++) {
		sheet_fill *s = &x->sheets[k];
		if (!b->failed && s->row > 1 && s->n_cols)
			check(b, worksheet_autofilter(s->ws, 0, 0, s->row - 1, s->n_cols - 1), "a filter");
	}
	if (!b->failed && rec) {
		summary sum = { .b = b, .ws = x->summary };
		write_summary(&sum, rec, run_id, counts, x->sheets);
	}
	lxw_error e = workbook_close(b->book); /* frees it, written or not */
	if (!b->failed && e != LXW_NO_ERROR) {
		snprintf(b->err, b->errlen, "results.xlsx: write failed: %s", lxw_strerror(e));
		b->failed = 1;
	}
	int rc = b->failed ? -1 : 0;
	if (rc)
		snprintf(err, errlen, "%s", x->err);
	for (int k = 0; k < EHP_N_SHEETS; k++) {
		free(x->sheets[k].text);
		free(x->sheets[k].starts);
		free(x->sheets[k].kinds);
	}
	free(x);
	return rc;
}

#endif
