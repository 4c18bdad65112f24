/*
 * output.h - the CSV writers for results and rejects, and evidence in words (the files
 * themselves are written whole: atomic.h).
 */
#ifndef EHP_OUTPUT_H
#define EHP_OUTPUT_H

#include <stdio.h>
#include "atomic.h"
#include "buf.h"
#include "eval.h"
#include "family_cells.h"

/* One CSV text field, quoted when it holds a comma, a quote or a line
 * break, and spreadsheet-safe: text beginning with = + - @, a tab or a
 * carriage return (a formula to a spreadsheet) is written with a leading '
 * (docs/data-format.md). The _n form writes exactly n bytes, NUL bytes
 * included (a rejected row). Every text cell of results.csv and rejects.csv
 * is written by these. */
void ehp_csv_field(FILE *f, const char *s);
void ehp_csv_field_n(FILE *f, const char *s, size_t n);
/* The same into a buffer: ehp_csv_cell appends n bytes as one cell;
 * ehp_csv_close_cell makes the text appended since start one cell (a list
 * built piece by piece). */
void ehp_csv_cell(ehp_buf *b, const char *s, size_t n);
/* ehp_csv_cell through a cursor: at p, which has room for
 * EHP_CSV_CELL_MAX(n) bytes (every byte a `"` doubled, the quotes and the
 * formula's mark); returns the end. */
#define EHP_CSV_CELL_MAX(n) (2 * (n) + 3)
char *ehp_csv_put_cell(char *p, const char *s, size_t n);
void ehp_csv_close_cell(ehp_buf *b, size_t start);
/* Whether a cell of s[0 .. n) would open as a spreadsheet formula (OWASP's
 * CSV injection rule): text beginning with = + - @, a tab or a carriage
 * return. ehp_csv_cell marks such a cell with a leading '. */
static inline bool ehp_csv_formula_like(const char *s, size_t n)
{
	return n && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}
/* Whether s[0 .. n) has a byte a CSV cell must be quoted for: `"`, `,`, LF or CR. */
bool ehp_csv_needs_quotes(const char *s, size_t n);
/* Text from the data (an id, a reason naming one) for a terminal: control
 * bytes (below 0x20, 0x7F, and the C1 controls U+0080..U+009F in UTF-8)
 * written as \xNN, so an id cannot move the cursor, clear the screen or
 * fake a line of output. */
void ehp_term_text(FILE *f, const char *s);
void ehp_results_header(FILE *f);
void ehp_results_row(ehp_buf *b, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res);
/* The same with the family's cells made once for every file (family_cells.h). */
void ehp_results_row_with(ehp_buf *b, const ehp_plan *plan, ehp_family_cells *c, const ehp_results *res);
/* One evidence item in words: words.h. */

#endif
