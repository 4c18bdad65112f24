/*
 * cli_helpers.h - an evaluator's command line (ehp_main) run inside the test
 * process: a scratch directory holding data/ and out/, and the run's exit
 * status, stdout and stderr. Include after <cmocka.h> and io_helpers.h.
 */
#ifndef EHP_TEST_CLI_HELPERS_H
#define EHP_TEST_CLI_HELPERS_H

#include "eval.h"

typedef struct {
	char *dir, *data, *out; /* out is empty until a run writes there */
	int rc;
	io_capture cap;
} cli;

static inline void cli_dirs(cli *c)
{
	memset(c, 0, sizeof *c);
	c->dir = io_tmpdir();
	c->data = io_path(c->dir, "data");
	c->out = io_path(c->dir, "out");
	assert_int_equal(mkdir(c->data, 0700), 0);
	assert_int_equal(mkdir(c->out, 0700), 0);
}

static inline void cli_free(cli *c)
{
	io_capture_free(&c->cap);
	free(c->data);
	free(c->out);
	io_rmdir(c->dir);
}

static inline void cli_run_main(cli *c, int (*main_fn)(const ehp_plan *, int, char **), const ehp_plan *plan,
                                int argc, char **argv)
{
	io_capture_free(&c->cap);
	io_capture_begin(&c->cap);
	c->rc = main_fn(plan, argc, argv);
	io_capture_end(&c->cap);
}

static inline void cli_main(cli *c, const ehp_plan *plan, int argc, char **argv)
{
	cli_run_main(c, ehp_main, plan, argc, argv);
}

/* An output file of the last run, whole, or NULL if there is none. */
static inline char *cli_out(const cli *c, const char *name)
{
	return io_read_in(c->out, name);
}

#endif
