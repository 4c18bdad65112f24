/*
 * suggest.h - "did you mean ...?" for misspelt names.
 */
#ifndef EHPC_SUGGEST_H
#define EHPC_SUGGEST_H

#include <stddef.h>

/* The candidate closest to `word` by edit distance, if close enough to be a
 * likely typo; NULL otherwise. */
const char *suggest(const char *word, const char *const *candidates, size_t n);

#endif
