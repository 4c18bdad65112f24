/*
 * plan_file.h - a plan read from its file and checked, for commands that
 * work on more than one plan at once (`ehpc diff`).
 */
#ifndef EHPC_PLAN_FILE_H
#define EHPC_PLAN_FILE_H

#include <stddef.h>
#include "arena.h"
#include "ast.h"

typedef struct {
	const char *path;
	char *text;          /* the file's bytes */
	size_t len;
	char hash[65];       /* their SHA-256, for the evaluator's receipt */
	char *name;          /* the file's stem: names the evaluator */
	arena *a;            /* holds the tree */
	plan *p;             /* checked */
} plan_file;

/* Reads, parses and checks the plan at path. 0 when it has no errors; else
 * -1, its errors (and warnings) written to stderr as `file:line:col: error:`
 * with the line quoted, as `ehpc --check` writes them. Warnings of a plan
 * without errors are not shown: they are the compiler's to give. */
int plan_file_load(plan_file *pf, const char *path);
/* "plans/devon.ehp" -> "devon": the name of the plan's evaluator, only
 * [A-Za-z0-9_-] kept so it is safe anywhere (malloc'd; NULL: no memory). */
char *plan_file_stem(const char *path);
void plan_file_free(plan_file *pf);

#endif
