/*
 * cc.h - the programs ehpc runs: the C compiler (`--build`, and `diff
 * --data`'s two evaluators) and the evaluators themselves. Never through a
 * shell: words are split at blanks and passed to execvp.
 */
#ifndef EHPC_CC_H
#define EHPC_CC_H

#include <stdbool.h>
#include <sys/types.h>

/* The child being waited for, or 0: a signal handler may kill it so that
 * an interrupted ehpc leaves nothing running. */
extern volatile pid_t cc_child;

/* Runs argv[0] (found on PATH) with argv, its standard output and error
 * sent to out_fd and err_fd (-1: ehpc's own), and waits for it. Its exit
 * status, or -1 when it could not be started or was ended by a signal
 * (reported on stderr). */
int cc_run(char *const argv[], int out_fd, int err_fd);

/* $CC -std=c11 -O2 -I<runtime dir> C_FILE <libehp.a> -lnettle -lm -pthread
 * -o BINARY (docs/ehpc.md, "--build"); with cases, the case runner instead
 * (-DEHP_CASE_RUNNER, <libehp-cases.a> before libehp.a). 0, or -1 when the
 * compiler failed or could not be run (reported on stderr). */
int cc_build_evaluator(const char *c_file, const char *binary, bool cases);

#endif
