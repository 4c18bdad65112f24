/*
 * frontend.h - from plan text to a checked syntax tree.
 */
#ifndef EHPC_FRONTEND_H
#define EHPC_FRONTEND_H

#include "arena.h"
#include "ast.h"
#include "diag.h"

/* Parses the text (need not be NUL-terminated). Reports every syntax error it
 * can recover from to d; returns the tree, or NULL when nothing usable was read. */
plan *parse_plan(arena *a, diag *d, const char *file, const char *text, size_t len);

/* Resolves names, checks units and ids, fills the "sema" fields of the tree.
 * Returns true when no error was reported (warnings allowed). */
int check_plan(arena *a, diag *d, plan *p);

#endif
