/*
 * vocab.c - the shared vocabulary as tables, and name lookups for the data
 * reader. Built from vocabulary.def so the compiler and runtime cannot drift.
 */
#include <string.h>
#include "eval.h"

/* A person's flags are the bits of a uint32_t. */
_Static_assert(EHP_N_FLAGS <= 32, "too many flags for ehp_person.flags");
#define EHP_RECORD(name, kind, unit, doc) _Static_assert(sizeof #name <= 256, "record type name too long: " #name);
#include "vocabulary.def"
#undef EHP_RECORD

const ehp_type_info ehp_types[EHP_N_TYPES] = {
#define EHP_RECORD(name, kind, unit, doc) { #name, sizeof #name - 1, EHP_##kind, EHP_UNIT_##unit, doc },
#include "vocabulary.def"
#undef EHP_RECORD
};

const char *const ehp_detail_names[EHP_N_DETAILS] = {
	"",
#define EHP_DETAIL(name, doc) #name,
#include "vocabulary.def"
#undef EHP_DETAIL
};

const char *const ehp_flag_names[EHP_N_FLAGS] = {
#define EHP_FLAG(name, doc) #name,
#include "vocabulary.def"
#undef EHP_FLAG
};

const char *const ehp_role_names[EHP_N_ROLES] = {
	"",
#define EHP_ROLE(name, doc) #name,
#include "vocabulary.def"
#undef EHP_ROLE
};

static bool same(const char *name, const char *s, size_t len)
{
	/* the first byte settles most mismatches without a call */
	return len ? name[0] == s[0] && strncmp(name, s, len) == 0 && name[len] == '\0' : name[0] == '\0';
}

/* Linear scans over a few hundred names. A record type is looked up once
 * per row of the records file, so only names of the right length and first
 * letter are compared (a call to memcmp for every name of the same length
 * was a tenth of the reader's time); the other vocabularies are read once
 * per person or per plan. */
int ehp_type_lookup(const char *s, size_t len)
{
	if (!len)
		return -1;
	for (int i = 0; i < EHP_N_TYPES; i++)
		if (ehp_types[i].len == len && ehp_types[i].name[0] == s[0] && memcmp(ehp_types[i].name, s, len) == 0)
			return i;
	return -1;
}

int ehp_detail_lookup(const char *s, size_t len)
{
	for (int i = 0; i < EHP_N_DETAILS; i++)
		if (same(ehp_detail_names[i], s, len))
			return i;
	return -1;
}

int ehp_flag_lookup(const char *s, size_t len)
{
	for (int i = 0; i < EHP_N_FLAGS; i++)
		if (same(ehp_flag_names[i], s, len))
			return i;
	return -1;
}

/* Roles are written by people (`Probation Officer`, `probation-officer`):
 * read with case ignored and spaces and hyphens as underscores. */
#define ROLE_MAX 64
#define EHP_ROLE(name, doc) _Static_assert(sizeof #name <= ROLE_MAX, "role name too long: " #name);
#include "vocabulary.def"
#undef EHP_ROLE

int ehp_role_lookup(const char *s, size_t len)
{
	char norm[ROLE_MAX];
	if (len >= ROLE_MAX)
		return -1; /* longer than any role */
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		norm[i] = c == ' ' || c == '-' ? '_' : c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	for (int i = 0; i < EHP_N_ROLES; i++)
		if (same(ehp_role_names[i], norm, len))
			return i;
	return -1;
}
