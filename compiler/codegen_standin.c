/*
 * codegen_standin.c - rows whose verdict for a member with no records of
 * their types is the same. Such a verdict is judged for a stand-in, a
 * subject with no records at all (runtime/eval/evaluate.c); two rows whose
 * functions are written alike but for the subject's selections and the
 * tests' numbers judge that stand-in alike (a selection of the subject's
 * records finds nothing either way), so the runtime judges it once a
 * family for the whole class (ehp_plan.n_standins, a row's .standin).
 */
#include <stdlib.h>
#include <string.h>
#include "codegen_int.h"

static size_t digits(const char *s)
{
	size_t n = 0;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

/* `(ev, 53 /+ line 598 +/`: a test's number, which only names its evidence. */
static size_t test_number(const char *s)
{
	static const char line[] = " /* line ";
	size_t n = digits(s);
	if (!n || strncmp(s + n, line, sizeof line - 1))
		return 0;
	size_t m = digits(s + n + sizeof line - 1);
	if (!m || strncmp(s + n + sizeof line - 1 + m, " */", 3))
		return 0;
	return n + sizeof line - 1 + m + 3;
}

/* `sel_54 /+ missing_episode +/, 1`: a selection of the subject's own
 * records (it follows `subject, `), table and length. */
static size_t subject_selection(const char *s)
{
	size_t n = digits(s);
	if (!n || strncmp(s + n, " /* ", 4))
		return 0;
	const char *end = strstr(s + n + 4, " */, ");
	if (!end)
		return 0;
	size_t k = (size_t)(end - s) + 5;
	size_t m = digits(s + k);
	return m ? k + m : 0;
}

char *gen_standin_shape(const char *body)
{
	static const char ev[] = "(ev, ", sel[] = "subject, sel_";
	size_t len = strlen(body), n = 0;
	char *shape = malloc(len + 1);
	if (!shape)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t skip;
		if (!strncmp(body + i, ev, sizeof ev - 1) && (skip = test_number(body + i + sizeof ev - 1))) {
			memcpy(shape + n, "(ev, T", 6);
			n += 6;
			i += sizeof ev - 1 + skip;
		} else if (!strncmp(body + i, sel, sizeof sel - 1) && (skip = subject_selection(body + i + sizeof sel - 1))) {
			memcpy(shape + n, "subject, SEL", 12);
			n += 12;
			i += sizeof sel - 1 + skip;
		} else {
			shape[n++] = body[i++];
		}
	}
	shape[n] = '\0';
	return shape;
}

void gen_row_standin(gen *g, int *slot, const char *body)
{
	char *shape = gen_standin_shape(body);
	if (!shape) {
		g->failed = true;
		return;
	}
	for (int c = 0; c < g->n_standins; c++)
		if (!strcmp(g->standin_shapes[c], shape)) {
			*slot = c + 1;
			free(shape);
			return;
		}
	g->standin_shapes[g->n_standins++] = shape;
	*slot = g->n_standins;
}
