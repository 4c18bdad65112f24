/*
 * test_ehpc_codegen.c - the C back end: escaping of plan text, identifiers
 * made from row ids, SHA-256, and emit_c on hand-built checked trees whose
 * output is compiled (and, when libehp.a is beside the test, linked and run
 * to print hostile strings back byte for byte).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "arena.h"
#include "codegen.h"
#include "codegen_int.h"
#include "cstring.h"
#include "eval.h"
#include "sha256.h"

static const char *self_dir = "."; /* directory of this test binary */

/* ------------------------------------------------------------ helpers */

static char *capture(void (*fn)(FILE *, const void *), const void *arg, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	assert_non_null(f);
	fn(f, arg);
	fclose(f);
	if (len)
		*len = n;
	return buf;
}

static void do_string(FILE *f, const void *s) { emit_c_string(f, s); }
static void do_comment(FILE *f, const void *s) { emit_comment_text(f, s, 1000); }

/* Reads back a sequence of adjacent C string literals as the compiler
 * would; fails the test on anything the emitter should never write. */
static size_t decode_literals(const char *src, char *out, size_t *longest_piece)
{
	size_t n = 0;
	*longest_piece = 0;
	const char *p = src;
	while (*p) {
		if (*p == ' ' || *p == '\n' || *p == '\t') {
			p++;
			continue;
		}
		assert_int_equal(*p, '"');
		p++;
		size_t piece = 0;
		while (*p != '"') {
			assert_true(*p != '\0' && *p != '\n');
			unsigned char c = (unsigned char)*p;
			assert_true(c >= 0x20 && c < 0x7f);
			assert_true(c != '?');
			if (c == '\\') {
				assert_true(p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' && p[3] >= '0' && p[3] <= '7');
				out[n++] = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
				p += 4;
			} else {
				out[n++] = (char)c;
				p++;
			}
			piece++;
		}
		p++;
		if (piece > *longest_piece)
			*longest_piece = piece;
	}
	out[n] = '\0';
	return n;
}

static void round_trip(const char *s)
{
	char *lit = capture(do_string, s, NULL);
	char *back = malloc(strlen(s) + 1);
	assert_non_null(back);
	size_t longest;
	size_t n = decode_literals(lit, back, &longest);
	assert_int_equal(n, strlen(s));
	assert_memory_equal(back, s, n);
	assert_true(longest <= 512);
	free(back);
	free(lit);
}

/* Runs a command without a shell; returns its exit status (or -1). */
static int run(char *const argv[], const char *stdout_path)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (stdout_path && !freopen(stdout_path, "w", stdout))
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* argv for compiling generated C: $CC (default cc) and $SAN (the sanitizer
 * flags libehp.a was built with; make passes both) split at blanks, then
 * the warning flags and the rest. */
static char words[2048];
static int compiler_argv(char **argv, int max, char *const rest[])
{
	const char *cc = getenv("CC"), *san = getenv("SAN");
	snprintf(words, sizeof words, "%s %s", cc && *cc ? cc : "cc", san ? san : "");
	int n = 0;
	for (char *w = strtok(words, " \t"); w && n < max - 20; w = strtok(NULL, " \t"))
		argv[n++] = w;
	const char *flags[] = { "-std=c11", "-Wall", "-Wextra", "-Werror", "-Wpedantic", "-Iruntime" };
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
		argv[n++] = (char *)flags[i];
	for (int i = 0; rest[i] && n < max - 1; i++)
		argv[n++] = rest[i];
	argv[n] = NULL;
	return n;
}

/* ------------------------------------------------------------ escaping */

static void test_string_plain_text_is_kept(void **state)
{
	(void)state;
	char *lit = capture(do_string, "Crime and anti-social behaviour: 33%", NULL);
	assert_string_equal(lit, "\"Crime and anti-social behaviour: 33%\"");
	free(lit);
	lit = capture(do_string, NULL, NULL);
	assert_string_equal(lit, "\"\"");
	free(lit);
}

static void test_string_hostile_bytes_are_escaped(void **state)
{
	(void)state;
	char *lit = capture(do_string, "a\"b\\c?\?/d*/e\nf#include <x>%n\xc2\xa3", NULL);
	assert_string_equal(lit, "\"a\\042b\\134c\\077\\077/d*/e\\012f#include <x>%n\\302\\243\"");
	free(lit);
	const char *cases[] = {
		"\"); system(\"rm -rf /\"); //", "\\", "\\\n", "?\?=?\?(?\?)?\?<?\?>?\?!?\?'?\?-", "*/ int x; /*",
		"\n#include <stdio.h>\n", "%s%n%x", "\x01\x7f\xff", "\xe2\x80\x99 curly", "tab\there",
		"\0011" /* byte 1, then the digit 1 */, "end\\",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		round_trip(cases[i]);
}

static void test_string_octal_escape_does_not_swallow_digits(void **state)
{
	(void)state;
	char *lit = capture(do_string, "\x01" "23", NULL);
	assert_string_equal(lit, "\"\\00123\"");
	free(lit);
}

static void test_long_string_is_split_into_pieces(void **state)
{
	(void)state;
	size_t n = 3000;
	char *s = malloc(n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = i % 7 == 0 ? '?' : (char)('a' + i % 26);
	s[n] = '\0';
	round_trip(s);
	free(s);
}

static void do_bytes(FILE *f, const void *s) { emit_c_byte_list(f, s); }

static void test_byte_list_ends_with_nul(void **state)
{
	(void)state;
	char *list = capture(do_bytes, "A\n\xff", NULL);
	assert_string_equal(list, "{\n\t65, 10, 255, 0,\n}");
	free(list);
}

static void test_comment_cannot_be_closed_or_spliced(void **state)
{
	(void)state;
	char *c = capture(do_comment, "a */ b /* c ?\?/ d \\\n e\x01\xc2\xa3", NULL);
	assert_null(strstr(c, "*/"));
	assert_null(strstr(c, "/*"));
	assert_null(strstr(c, "?\?"));
	assert_null(strchr(c, '\\'));
	assert_null(strchr(c, '\n'));
	for (const char *p = c; *p; p++)
		assert_true(*p >= 0x20 && *p < 0x7f);
	free(c);
	c = capture(do_comment, "**//**", NULL);
	assert_null(strstr(c, "*/"));
	assert_null(strstr(c, "/*"));
	free(c);
}

static void test_comment_is_cut(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t n;
	FILE *f = open_memstream(&buf, &n);
	assert_non_null(f);
	emit_comment_text(f, "0123456789", 4);
	fclose(f);
	assert_string_equal(buf, "0123...");
	free(buf);
}

/* ------------------------------------------------------------ identifiers */

static bool valid_ident_part(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static void test_ident_from_row_ids(void **state)
{
	(void)state;
	const char *ids[][2] = {
		{ "1.1", "1_1" }, { "1a", "1a" }, { "1g*", "1g_star" }, { "A", "A" }, { "7.1.2", "7_1_2" },
		{ "1_1", "1_x5F1" }, { "1.", "1_x2E" }, { "*/", "_star_x2F" }, { "a b", "a_x20b" },
	};
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		char *s = c_ident_part(ids[i][0], (int)i);
		assert_non_null(s);
		assert_string_equal(s, ids[i][1]);
		free(s);
	}
}

static void test_ident_is_unique_and_valid(void **state)
{
	(void)state;
	/* pairs a careless mapping confuses */
	const char *ids[] = {
		"1.1", "1_1", "11", "1*", "1.star", "1_star", "1star", "1.x2A", "1_x2A", "1x2A", "1*1", "1.*",
		"", "a", "A", "\xff", "_xFF", ".", "_", "*", "1.s", "1.x", "1_x", "1\n", "1\\", "\"", "1g*", "1gstar",
		"_L0", "_L1",
	};
	enum { N = sizeof ids / sizeof *ids };
	char *names[N];
	for (int i = 0; i < N; i++) {
		names[i] = c_ident_part(ids[i], i);
		assert_non_null(names[i]);
		assert_true(names[i][0] != '\0');
		assert_true(valid_ident_part(names[i]));
		assert_true(strlen(names[i]) <= CSTRING_IDENT_MAX);
		for (int k = 0; k < i; k++)
			if (!strcmp(names[i], names[k]))
				fail_msg("ids `%s` and `%s` both give `%s`", ids[i], ids[k], names[i]);
	}
	for (int i = 0; i < N; i++)
		free(names[i]);
}

static void test_long_ident_falls_back_to_index(void **state)
{
	(void)state;
	char id[200];
	memset(id, '9', sizeof id - 1);
	id[sizeof id - 1] = '\0';
	char *s = c_ident_part(id, 42);
	assert_string_equal(s, "_L42");
	free(s);
	memset(id, '*', 10); /* 10 stars = 50 characters: just too long */
	id[10] = '\0';
	s = c_ident_part(id, 3);
	assert_string_equal(s, "_L3");
	free(s);
}

/* ------------------------------------------------------------ sha256 */

static void test_sha256_vectors(void **state)
{
	(void)state;
	static const struct { const char *msg; size_t repeat; const char *hex; } V[] = {
		{ "", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", 0, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 0,
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 0,
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
		{ "a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
		/* lengths around the padding boundaries */
		{ "x", 55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072" },
		{ "x", 56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e" },
		{ "x", 63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2" },
		{ "x", 64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c" },
		{ "x", 65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9" },
		{ "x", 119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c" },
		{ "x", 120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98" },
	};
	for (size_t i = 0; i < sizeof V / sizeof *V; i++) {
		char hex[65];
		if (V[i].repeat) {
			char *buf = malloc(V[i].repeat);
			assert_non_null(buf);
			memset(buf, V[i].msg[0], V[i].repeat);
			sha256_hex(buf, V[i].repeat, hex);
			free(buf);
		} else {
			sha256_hex(V[i].msg, strlen(V[i].msg), hex);
		}
		assert_string_equal(hex, V[i].hex);
	}
}

/* ------------------------------------------------------------ hand-built plans */

#define HOSTILE "He said \"*/ #include <stdio.h>\" ?\?/ \\ %n\n\xc2\xa3\xe2\x80\x99 end"

static src_loc at(int line) { return (src_loc){ line, 1, line, 1 }; }

static window *win(arena *a, window_kind k, anchor_kind an, int n, unit_kind u)
{
	window *w = arena_alloc(a, sizeof *w);
	*w = (window){ .kind = k, .anchor = an, .n = n, .unit = u };
	return w;
}

static cond *leaf(arena *a, cond_kind k, int line, int type)
{
	cond *c = arena_alloc(a, sizeof *c);
	c->kind = k;
	c->loc = at(line);
	c->sel.n_types = 1;
	c->sel.types[0] = type;
	for (int i = 0; i < SEL_MAX_TYPES; i++)
		c->sel.details[i] = -1;
	c->q.param_index = -1;
	c->win = win(a, WIN_BEFORE, ANCHOR_ENTRY, 12, UNIT_MONTHS);
	return c;
}

static cond *pair(arena *a, cond_kind k, cond *x, cond *y)
{
	cond *c = arena_alloc(a, sizeof *c);
	c->kind = k;
	c->loc = x->loc;
	c->a = x;
	c->b = y;
	return c;
}

static cohort *coh(arena *a, cohort_kind k, int lo, int hi)
{
	cohort *c = arena_alloc(a, sizeof *c);
	*c = (cohort){ .kind = k, .lo = lo, .hi = hi, .ref = 0 };
	return c;
}

static row *new_row(arena *a, plan *p, row_kind kind, const char *id, scope_kind scope, cond *when)
{
	row *r = arena_alloc(a, sizeof *r);
	r->kind = kind;
	r->loc = at(when->loc.line - 1);
	r->id = id;
	r->text = HOSTILE;
	r->scope = scope;
	r->when = when;
	r->theme = 0;
	ptr_vec *v = kind == ROW_INDICATOR ? &p->indicators : &p->outcomes;
	r->index = v->n;
	vec_push(a, v, r);
	return r;
}

/* A checked plan using every kind of condition, cohort and window, with
 * hostile text in every string it carries. */
static plan *every_construct(arena *a, const char *title)
{
	plan *p = arena_alloc(a, sizeof *p);
	p->file = "tests/*/x?\?/.ehp";
	p->name = "x";
	p->title = title;
	p->council = HOSTILE;
	p->revised = "24/03/2023";

	theme *t = arena_alloc(a, sizeof *t);
	*t = (theme){ .loc = at(2), .name = "crime", .title = HOSTILE, .text = NULL, .evidence = HOSTILE, .index = 0 };
	vec_push(a, &p->themes, t);

	param *pm = arena_alloc(a, sizeof *pm);
	*pm = (param){ at(3), "limit */", { at(3), 0.1, UNIT_PERCENT, NULL, -1 }, HOSTILE, 0, true, false, { 0 }, -1, { 0 } };
	vec_push(a, &p->params, pm);

	cohort_def *cd = arena_alloc(a, sizeof *cd);
	*cd = (cohort_def){ at(4), "dependent_child", HOSTILE, coh(a, COH_AGED, -1, 15), 0 };
	vec_push(a, &p->cohorts, cd);
	cohort_def *bad = arena_alloc(a, sizeof *bad);
	*bad = (cohort_def){ at(5), "x */ int y; /*", "", coh(a, COH_CHILD, -1, -1), 1 };
	vec_push(a, &p->cohorts, bad);

	/* person row: every record test, joined by and/or/not */
	cond *any = leaf(a, COND_ANY, 10, EHP_T_offence);
	any->sel.n_types = 2;
	any->sel.types[1] = EHP_T_out_of_court_disposal;
	any->sel.details[0] = any->sel.details[1] = EHP_D_crime;
	any->sel.authors[0] = any->sel.authors[1] = HOSTILE;
	cond *none = leaf(a, COND_NONE, 11, EHP_T_arrest);
	none->win = win(a, WIN_AFTER, ANCHOR_CLOSURE, 6, UNIT_MONTHS);
	cond *thr = leaf(a, COND_THROUGHOUT, 12, EHP_T_licence);
	thr->win = win(a, WIN_SUPPORT, ANCHOR_ENTRY, 0, UNIT_DAYS);
	cond *weeks = leaf(a, COND_WEEKS, 13, EHP_T_licence);
	weeks->k = 26;
	weeks->n = 30;
	weeks->win = win(a, WIN_SPAN, ANCHOR_ENTRY, 0, UNIT_DAYS);
	weeks->win->from = win(a, WIN_AT, ANCHOR_ENTRY, 0, UNIT_DAYS);
	weeks->win->to = win(a, WIN_AT, ANCHOR_CLAIM, 0, UNIT_DAYS);
	cond *cmp = leaf(a, COND_COMPARE, 14, EHP_T_attendance);
	cmp->measure = MEASURE_RATE;
	cmp->op = OP_LT;
	cmp->q = (quantity){ at(14), 0.1, UNIT_PERCENT, "limit */", 0 };
	cmp->win = win(a, WIN_BEFORE, ANCHOR_ENTRY, 3, UNIT_TERMS);
	cond *chg = leaf(a, COND_CHANGE, 15, EHP_T_offence);
	chg->measure = MEASURE_COUNT;
	chg->per = UNIT_MONTHS;
	chg->q.value = 33;
	chg->win2 = win(a, WIN_AFTER, ANCHOR_CLOSURE, 6, UNIT_WEEKS);
	cond *score = leaf(a, COND_SCORE, 16, 0);
	score->ref = EHP_D_family_star;
	score->rises = true;
	score->win = win(a, WIN_AT, ANCHOR_CLAIM, 0, UNIT_DAYS);
	cond *is = leaf(a, COND_PERSON_IS, 17, 0);
	is->ref = EHP_F_lldd;
	cond *aged = leaf(a, COND_PERSON_AGED, 18, 0);
	aged->lo = 5;
	aged->hi = -1;
	cond *all = pair(a, COND_AND, any,
	                 pair(a, COND_OR, none,
	                      pair(a, COND_AND, thr,
	                           pair(a, COND_OR, weeks,
	                                pair(a, COND_AND, cmp,
	                                     pair(a, COND_OR, chg,
	                                          pair(a, COND_AND, score,
	                                               pair(a, COND_NOT, pair(a, COND_OR, is, aged), NULL))))))));
	row *r1 = new_row(a, p, ROW_INDICATOR, "1.1", SCOPE_PERSON, all);
	cohort *band = coh(a, COH_AND, 0, 0);
	band->a = coh(a, COH_CHILD, -1, -1);
	band->b = coh(a, COH_AGED, 10, 18);
	cohort *flag = coh(a, COH_FLAG, 0, 0);
	flag->ref = EHP_F_carer;
	cohort *named = coh(a, COH_NAMED, 0, 0);
	named->ref = 1;
	r1->who = coh(a, COH_OR, 0, 0);
	r1->who->a = band;
	r1->who->b = coh(a, COH_OR, 0, 0);
	r1->who->b->a = flag;
	r1->who->b->b = named;

	/* ids that must not break out of an identifier or a comment */
	new_row(a, p, ROW_INDICATOR, "1g*", SCOPE_HOUSEHOLD, leaf(a, COND_ANY, 21, EHP_T_police_callout));
	new_row(a, p, ROW_INDICATOR, "*/ x(); /*", SCOPE_FAMILY, leaf(a, COND_ANY, 23, EHP_T_police_callout));
	row *everyone = new_row(a, p, ROW_INDICATOR, "1_1", SCOPE_PERSON, leaf(a, COND_ANY, 25, EHP_T_offence));
	everyone->who = coh(a, COH_ANYONE, -1, -1); /* `anyone`: no cohort function, .who left NULL */

	row *o = new_row(a, p, ROW_OUTCOME, "1a", SCOPE_PERSON, leaf(a, COND_NONE, 31, EHP_T_offence));
	static int serves[] = { 0, 3 };
	o->serves = serves;
	o->n_serves = 2;

	/* family rules: themes met, some/every with nested rules, all resolved */
	cond *themes = leaf(a, COND_COMPARE, 40, 0);
	themes->measure = MEASURE_THEMES_MET;
	themes->op = OP_GE;
	themes->q.value = 2;
	cond *some_is = leaf(a, COND_SOME_IS, 41, 0);
	some_is->who = named;
	cond *inner = leaf(a, COND_EVERY_HAS, 42, 0);
	inner->who = coh(a, COH_NAMED, 0, 0); /* ref 0: dependent_child */
	inner->a = is;
	cond *some_has = leaf(a, COND_SOME_HAS, 42, 0);
	some_has->who = coh(a, COH_ANYONE, -1, -1);
	some_has->a = pair(a, COND_AND, leaf(a, COND_ANY, 42, EHP_T_offence), inner);
	p->eligible = pair(a, COND_AND, themes, pair(a, COND_OR, some_is, some_has));
	cond *ind_met = leaf(a, COND_COMPARE, 44, 0);
	ind_met->measure = MEASURE_INDICATORS_MET;
	ind_met->op = OP_GT;
	ind_met->q.value = 0;
	p->claimable = pair(a, COND_OR, leaf(a, COND_ALL_RESOLVED, 43, 0), ind_met);
	return p;
}

static char *emit_to_string(const plan *p, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	assert_non_null(f);
	assert_int_equal(emit_c(p, "0123abcd", f), 0);
	fclose(f);
	return buf;
}

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static char tmpdir[64];

static int make_tmpdir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/ehpc_codegen_XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	(void)state;
	const char *files[] = { "plan.c", "plan", "out.txt", "long.c" };
	char path[128];
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", tmpdir, files[i]);
		remove(path);
	}
	return rmdir(tmpdir);
}

static void compile_only(const char *c_file)
{
	char *rest[] = { "-fsyntax-only", (char *)c_file, NULL };
	char *argv[64];
	compiler_argv(argv, 64, rest);
	assert_int_equal(run(argv, NULL), 0);
}

static void test_emit_every_construct_compiles_cleanly(void **state)
{
	(void)state;
	arena *a = arena_new();
	plan *p = every_construct(a, HOSTILE);
	size_t len;
	char *c = emit_to_string(p, &len);
	/* the pieces the runtime and readers rely on */
	assert_non_null(strstr(c, "#include \"ehp.h\""));
	assert_non_null(strstr(c, "static ehp_tv ind_1_1(ehp_eval *ev, int subject)"));
	assert_non_null(strstr(c, "static ehp_tv ind_1g_star(ehp_eval *ev, int subject)"));
	assert_non_null(strstr(c, "static ehp_tv ind_1_x5F1(ehp_eval *ev, int subject)"));
	assert_non_null(strstr(c, "static ehp_tv out_1a(ehp_eval *ev, int subject)"));
	assert_non_null(strstr(c, "static bool cohort_dependent_child(const ehp_eval *ev, int person)"));
	assert_non_null(strstr(c, "static bool cohort__L1(const ehp_eval *ev, int person)"));
	assert_non_null(strstr(c, "{ EHP_T_offence, EHP_D_crime, "));
	assert_non_null(strstr(c, "ehp_param(ev, 0) /* limit * / */")); /* through the runtime: ehp_eval is opaque */
	assert_null(strstr(c, "ev->")); /* no field of the runtime's own state */
	assert_non_null(strstr(c, "ehp_age_in(ehp_age(ev, person), 10, 18)")); /* the age asked once */
	assert_non_null(strstr(c, "who_ind_1_1"));
	assert_null(strstr(c, "who_ind_1_x5F1")); /* a row for everyone: no call to learn it */
	assert_non_null(strstr(c, "static const int serves_1a[] = { 0, 3, -1 };"));
	assert_non_null(strstr(c, "return ehp_main(&plan, argc, argv);"));
	assert_null(strstr(c, "?\?"));
	assert_null(strstr(c, "\n#include <stdio.h>"));
	assert_non_null(strstr(c, "/* indicator * / x(); / * (line 22)"));
	char path[128];
	snprintf(path, sizeof path, "%s/plan.c", tmpdir);
	write_file(path, c, len);
	compile_only(path);

	/* the same tree gives the same bytes */
	size_t len2;
	char *again = emit_to_string(p, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(c, again, len);
	free(again);
	free(c);
	arena_free(a);
}

/* With libehp.a next to the tests, the evaluator is built and prints the
 * hostile title back exactly. */
static void test_emitted_evaluator_prints_strings_back(void **state)
{
	(void)state;
	char lib[512];
	snprintf(lib, sizeof lib, "%s/../libehp.a", self_dir);
	struct stat st;
	if (stat(lib, &st) != 0)
		skip();
	static const char title[] = "Title \"*/ ?\?/ \\ %n \xc2\xa3 'x' \t tab";
	arena *a = arena_new();
	plan *p = every_construct(a, title);
	size_t len;
	char *c = emit_to_string(p, &len);
	char src[128], bin[128], out[128];
	snprintf(src, sizeof src, "%s/plan.c", tmpdir);
	snprintf(bin, sizeof bin, "%s/plan", tmpdir);
	snprintf(out, sizeof out, "%s/out.txt", tmpdir);
	write_file(src, c, len);
	/* libehp.a's own libraries, as the Makefile links it (EHP_LINK). */
	char link[256];
	snprintf(link, sizeof link, "%s", EHP_LINK);
	char *rest[16] = { src, lib };
	int k = 2;
	for (char *w = strtok(link, " "); w && k < 12; w = strtok(NULL, " "))
		rest[k++] = w;
	rest[k++] = "-o";
	rest[k++] = bin;
	rest[k] = NULL;
	char *build[64];
	compiler_argv(build, 64, rest);
	assert_int_equal(run(build, NULL), 0);
	char *version[] = { bin, "--version", NULL };
	assert_int_equal(run(version, out), 0);
	FILE *f = fopen(out, "rb");
	assert_non_null(f);
	char got[4096];
	size_t n = fread(got, 1, sizeof got - 1, f);
	fclose(f);
	got[n] = '\0';
	assert_non_null(strstr(got, title));
	free(c);
	arena_free(a);
}

static void test_long_strings_become_byte_arrays(void **state)
{
	(void)state;
	arena *a = arena_new();
	size_t n = 9000;
	char *big = arena_alloc(a, n + 1);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)('A' + i % 26);
	plan *p = every_construct(a, big);
	((row *)p->indicators.v[0])->text = big;
	size_t len;
	char *c = emit_to_string(p, &len);
	assert_non_null(strstr(c, "static const char str_1[] = {"));
	char path[128];
	snprintf(path, sizeof path, "%s/long.c", tmpdir);
	write_file(path, c, len);
	compile_only(path); /* -Wpedantic rejects literals over 4095 characters */
	free(c);
	arena_free(a);
}

static void test_write_failure_is_reported(void **state)
{
	(void)state;
	FILE *f = fopen("/dev/full", "w");
	if (!f)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	arena *a = arena_new();
	assert_int_equal(emit_c(every_construct(a, "t"), "h", f), -1);
	fclose(f);
	arena_free(a);
}

/* Two row functions written alike but for the subject's selections and the
 * tests' numbers have one shape (codegen_standin.c); a different window or
 * a selection of something other than the subject's records does not. */
static void test_standin_shapes(void **state)
{
	(void)state;
	const char *a = "{\n\tehp_tv t1 = ehp_any(ev, 53 /* line 598 */, subject, sel_54 /* missing_episode */, 1,\n"
	                "\t\tehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));\n\treturn t1;\n}\n";
	const char *b = "{\n\tehp_tv t1 = ehp_any(ev, 54 /* line 603 */, subject, sel_55 /* exploitation_risk */, 1,\n"
	                "\t\tehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));\n\treturn t1;\n}\n";
	const char *window = "{\n\tehp_tv t1 = ehp_any(ev, 54 /* line 603 */, subject, sel_55 /* exploitation_risk */, 1,\n"
	                     "\t\tehp_window_before(ev, EHP_ENTRY, 6, EHP_MONTHS));\n\treturn t1;\n}\n";
	const char *after = "{\n\tehp_tv t1 = ehp_any_after(ev, 5 /* line 9 */, subject, sel_1 /* a */, 1,\n"
	                    "\t\t6, EHP_MONTHS, sel_2 /* b */, 1);\n\treturn t1;\n}\n";
	const char *after2 = "{\n\tehp_tv t1 = ehp_any_after(ev, 6 /* line 10 */, subject, sel_3 /* c */, 1,\n"
	                     "\t\t6, EHP_MONTHS, sel_4 /* d */, 1);\n\treturn t1;\n}\n";
	const char *two = "{\n\tehp_tv t1 = ehp_any(ev, 53 /* line 598 */, subject, sel_54 /* a or b */, 2,\n"
	                  "\t\tehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));\n\treturn t1;\n}\n";
	const char *bodies[] = { a, b, window, after, after2, two };
	char *shape[6];
	for (int i = 0; i < 6; i++)
		assert_non_null(shape[i] = gen_standin_shape(bodies[i]));
	assert_string_equal(shape[0], "{\n\tehp_tv t1 = ehp_any(ev, T, subject, SEL,\n"
	                              "\t\tehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));\n\treturn t1;\n}\n");
	assert_string_equal(shape[0], shape[1]);
	assert_string_not_equal(shape[0], shape[2]);
	assert_string_not_equal(shape[3], shape[4]); /* the record counted from is not the subject's selection */
	assert_string_equal(shape[5], shape[0]); /* the stand-in has no record of either: any selection finds none */
	for (int i = 0; i < 6; i++)
		free(shape[i]);
}

/* What a class's verdict reads of the family: the anchors it names and
 * those its calls read; anything ehpc does not know reads "other". */
static void test_standin_reads(void **state)
{
	(void)state;
	assert_int_equal(gen_standin_reads("{\n\tehp_tv t1 = ehp_any(ev, 0 /* line 9 (x) */, subject, sel_1, 1,\n"
	                                   "\t\tehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));\n\treturn t1;\n}\n"),
	                 EHP_READS_ENTRY);
	assert_int_equal(gen_standin_reads("{ return ehp_any(ev, 0, subject, sel_1, 1, ehp_window_span(ehp_window_at(ev, "
	                                   "EHP_ENTRY), ehp_window_after(ev, EHP_CLOSURE, 6, EHP_MONTHS))); }"),
	                 EHP_READS_ENTRY | EHP_READS_CLOSURE);
	assert_int_equal(gen_standin_reads("{ return ehp_none(ev, 0, subject, sel_1, 1, ehp_window_at(ev, EHP_CLAIM)); }"), 0);
	assert_int_equal(gen_standin_reads("{ return ehp_any(ev, 0, subject, sel_1, 1, ehp_window_during_support(ev)); }"),
	                 EHP_READS_ENTRY | EHP_READS_CLOSURE);
	/* A parameter's value may be chosen by the point of entry. */
	assert_int_equal(gen_standin_reads("{ double m = ehp_measure_in(ev, 0, EHP_M_COUNT, subject, sel_1, 1, "
	                                   "ehp_window_at(ev, EHP_CLAIM), -1);\n\treturn ehp_compare(ev, 0, m, "
	                                   "EHP_OP_GT, ehp_param(ev, 0)); }"),
	                 EHP_READS_ENTRY);
	/* A person's age, a helper of the plan's, a field: something else. */
	assert_int_equal(gen_standin_reads("{ return ehp_tv_of(ehp_age(ev, subject) > 3); }") & EHP_READS_OTHER,
	                 EHP_READS_OTHER);
	assert_int_equal(gen_standin_reads("{ return cond_3(ev, subject); }") & EHP_READS_OTHER, EHP_READS_OTHER);
	assert_int_equal(gen_standin_reads("{ return ev->claim > 0; }") & EHP_READS_OTHER, EHP_READS_OTHER);
	/* Words in comments and strings are not calls. */
	assert_int_equal(gen_standin_reads("{ /* any foo(bar) */ ehp_tv t = ehp_not(EHP_TRUE); \"x(\\\"y(\"; return t; }"),
	                 0);
}

/* A row's function with its member's age and flags made unknown: the
 * tests of the subject's age or flags, nothing else. */
static void test_nothing_body(void **state)
{
	(void)state;
	char *n = gen_nothing_body("{\n\tehp_tv t1 = ehp_any(ev, 0 /* line 9 */, subject, sel_1, 1,\n"
	                           "\t\tehp_window_at(ev, EHP_ENTRY));\n\tehp_tv t2 = t1;\n"
	                           "\tif (t1 != EHP_FALSE) {\n\t\tehp_tv t3 = ehp_tv_of(ehp_has_flag(ev, subject, EHP_F_lldd));\n"
	                           "\t\tehp_tv t4 = ehp_tv_of(ehp_age_in(ehp_age(ev, subject), 0, 17));\n"
	                           "\t\tt2 = ehp_and(t1, ehp_and(t3, t4));\n\t}\n\treturn t2;\n}\n");
	assert_non_null(n);
	assert_string_equal(n, "{\n\tehp_tv t1 = ehp_any(ev, 0 /* line 9 */, subject, sel_1, 1,\n"
	                       "\t\tehp_window_at(ev, EHP_ENTRY));\n\tehp_tv t2 = t1;\n"
	                       "\tif (t1 != EHP_FALSE) {\n\t\tehp_tv t3 = EHP_UNKNOWN; /* the member's age or flags */\n"
	                       "\t\tehp_tv t4 = EHP_UNKNOWN; /* the member's age or flags */\n"
	                       "\t\tt2 = ehp_and(t1, ehp_and(t3, t4));\n\t}\n\treturn t2;\n}\n");
	free(n);
	/* A person test written any other way is left: no `nothing` function. */
	assert_null(gen_nothing_body("{\n\treturn ehp_tv_of(ehp_age(ev, subject) > 3 && 1);\n}\n"));
	assert_null(gen_nothing_body("{\n\tbool b = ehp_has_flag(ev, subject, EHP_F_lldd);\n\treturn ehp_tv_of(b);\n}\n"));
}

int main(int argc, char **argv)
{
	(void)argc;
	static char dir[512];
	snprintf(dir, sizeof dir, "%s", argv[0]);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		self_dir = dir;
	}
	const struct CMUnitTest escaping[] = {
		cmocka_unit_test(test_string_plain_text_is_kept),
		cmocka_unit_test(test_string_hostile_bytes_are_escaped),
		cmocka_unit_test(test_string_octal_escape_does_not_swallow_digits),
		cmocka_unit_test(test_long_string_is_split_into_pieces),
		cmocka_unit_test(test_byte_list_ends_with_nul),
		cmocka_unit_test(test_comment_cannot_be_closed_or_spliced),
		cmocka_unit_test(test_comment_is_cut),
		cmocka_unit_test(test_ident_from_row_ids),
		cmocka_unit_test(test_ident_is_unique_and_valid),
		cmocka_unit_test(test_long_ident_falls_back_to_index),
		cmocka_unit_test(test_sha256_vectors),
	};
	const struct CMUnitTest emitting[] = {
		cmocka_unit_test(test_emit_every_construct_compiles_cleanly),
		cmocka_unit_test(test_emitted_evaluator_prints_strings_back),
		cmocka_unit_test(test_long_strings_become_byte_arrays),
		cmocka_unit_test(test_write_failure_is_reported),
		cmocka_unit_test(test_standin_shapes),
		cmocka_unit_test(test_standin_reads),
		cmocka_unit_test(test_nothing_body),
	};
	int failed = cmocka_run_group_tests_name("escaping", escaping, NULL, NULL);
	failed += cmocka_run_group_tests_name("emit_c", emitting, make_tmpdir, remove_tmpdir);
	return failed ? 1 : 0;
}
