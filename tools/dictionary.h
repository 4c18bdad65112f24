/*
 * dictionary.h - writes docs/data-dictionary.md from runtime/vocabulary.def,
 * so the dictionary the data teams read cannot drift from the vocabulary the
 * compiler and runtime use. Shared by tools/dictionary.c (which prints it)
 * and tests/unit/test_dictionary.c (which checks the checked-in copy).
 * Needs -Iruntime.
 */
#ifndef EHP_TOOLS_DICTIONARY_H
#define EHP_TOOLS_DICTIONARY_H

#include <stdio.h>
#include <string.h>

/* Table cells: a `|` would end the cell. */
static void dict_cell(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', f);
		fputc(*s, f);
	}
}

/* One row of a two-column table: a name and what it means. */
static void dict_row(FILE *f, const char *name, const char *doc)
{
	fprintf(f, "| `%s` | ", name);
	dict_cell(f, doc);
	fputs(" |\n", f);
}

static const char *dict_kind(const char *kind)
{
	if (!strcmp(kind, "EVENT"))
		return "event";
	if (!strcmp(kind, "STATE"))
		return "state";
	if (!strcmp(kind, "ASSESSMENT"))
		return "assessment";
	return "judgement";
}

/* What the value and total columns hold for a unit. */
static const char *dict_unit(const char *unit)
{
	if (!strcmp(unit, "SESSIONS"))
		return "sessions (value) of possible sessions (total)";
	if (!strcmp(unit, "DAYS"))
		return "days";
	if (!strcmp(unit, "MONEY"))
		return "pounds";
	return "";
}

static void dict_write(FILE *f)
{
	fputs("<!-- Generated from runtime/vocabulary.def by tools/dictionary.c: do not edit by hand.\n"
	      "     Regenerate: cc -Iruntime -o /tmp/dictionary tools/dictionary.c && /tmp/dictionary > docs/data-dictionary.md -->\n"
	      "# Data dictionary\n"
	      "\n"
	      "Every plan reads the same three files (see [data-format.md](data-format.md)) and the\n"
	      "same vocabulary: the record types, details and person flags below. One extract of\n"
	      "a council's case-management system can therefore be judged under any council's\n"
	      "plan. Names are written exactly as here (lower case, underscores), but for an\n"
	      "author's role in the data (below); a row with a name that is not listed is\n"
	      "rejected, and `ehpc` suggests the nearest name when a plan misspells one.\n"
	      "\n"
	      "## Which columns matter for each kind of record\n"
	      "\n"
	      "| kind | `date` | `end_date` | `value`, `total` | `score` | `detail` | `author` |\n"
	      "|---|---|---|---|---|---|---|\n"
	      "| event | the day it happened (may be in the future, e.g. a planned release) | empty | as the type's unit says | empty | where the type lists values | who recorded it, where known (e.g. `police`) |\n"
	      "| state | the first day it applied | the last day; empty while it still applies | as the type's unit says | empty | where the type lists values | who recorded it, where known |\n"
	      "| assessment | the day of the assessment | empty | empty | the score | the tool (below) | who assessed, where known |\n"
	      "| judgement | the day it was recorded | empty | empty | empty | the topic (below) | the practitioner's role, e.g. `school`, `probation officer` |\n"
	      "\n"
	      "An event given an end date is read as a span from `date` to `end_date`.\n"
	      "\n"
	      "| unit | `value` | `total` |\n"
	      "|---|---|---|\n"
	      "| sessions | sessions attended (`attendance`) or missed (`unauthorised_absence`) in the period | possible sessions in the same period |\n"
	      "| days | a number of days, e.g. school days excluded | empty |\n"
	      "| pounds | money in pounds, digits only (`1200.50`, no `£` or commas) | empty |\n"
	      "| (none) | empty | empty |\n"
	      "\n"
	      "A rate such as attendance is 100 × the sum of `value` ÷ the sum of `total` over\n"
	      "the records in the window, so terms are weighted by their sessions. `value` and\n"
	      "`total` are never negative and `value` is never more than `total`.\n"
	      "\n"
	      "## Record types (`type` column)\n"
	      "\n"
	      "| type | kind | value | meaning |\n"
	      "|---|---|---|---|\n",
	      f);
#define EHP_RECORD(name, kind, unit, doc)                                                        \
	fputs("| `" #name "` | ", f);                                                                 \
	fputs(dict_kind(#kind), f);                                                                   \
	fputs(" | ", f);                                                                              \
	fputs(dict_unit(#unit), f);                                                                   \
	fputs(" | ", f);                                                                              \
	dict_cell(f, doc);                                                                            \
	fputs(" |\n", f);
#include "vocabulary.def"
#undef EHP_RECORD
	fputs("\n"
	      "## Details (`detail` column)\n"
	      "\n"
	      "The topic of a judgement, the tool of an assessment, or the kind of an event or\n"
	      "state where its meaning above lists them. Empty when none applies.\n"
	      "\n"
	      "| detail | meaning |\n"
	      "|---|---|\n",
	      f);
#define EHP_DETAIL(name, doc) dict_row(f, #name, doc);
#include "vocabulary.def"
#undef EHP_DETAIL
	fputs("\n"
	      "## Person flags (`flags` column of the people file)\n"
	      "\n"
	      "Several flags are separated by `;`, e.g. `parent;carer`. Empty when none applies.\n"
	      "\n"
	      "| flag | meaning |\n"
	      "|---|---|\n",
	      f);
#define EHP_FLAG(name, doc) dict_row(f, #name, doc);
#include "vocabulary.def"
#undef EHP_FLAG
	fputs("\n"
	      "## Roles (`author` column of the records file)\n"
	      "\n"
	      "Who recorded a record: for a judgement, the practitioner's role; for any other\n"
	      "record, its source where the extract holds one (a missing episode the police\n"
	      "identified is `police`: Wiltshire 3e and Medway 3B require it). Empty when not\n"
	      "recorded, and then no `by` of a plan matches it. A plan's `by practitioner` matches\n"
	      "every role except `self`; any other role matches only itself.\n"
	      "\n"
	      "A role in the data is written by a person, so it is read with case ignored and\n"
	      "spaces and hyphens taken as underscores: `Probation Officer`, `probation officer`\n"
	      "and `probation-officer` are all `probation_officer`. Nothing else is loosened\n"
	      "(`probation officers` or `Jane Smith` is an unknown role, and the row is\n"
	      "rejected). A plan names a role exactly as below (`by probation_officer`).\n"
	      "\n"
	      "| role | meaning |\n"
	      "|---|---|\n",
	      f);
#define EHP_ROLE(name, doc) dict_row(f, #name, doc);
#include "vocabulary.def"
#undef EHP_ROLE
}

#endif
