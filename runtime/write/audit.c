/*
 * audit.c - the auditors' sample (audit.h). A family's rank depends only
 * on the seed and its id, and the sample is the N claimable families of
 * smallest rank, so it is the same sample whichever order the families are
 * offered in: threads and sorted or shuffled files change nothing. Kept
 * sorted by rank; a family is placed by binary search and the largest
 * falls out once N are held.
 */
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "mem.h"
#include "sha256.h"

enum { SEED_MAX = 64 };

bool ehp_seed_ok(const char *seed)
{
	size_t n = strlen(seed);
	if (n < 1 || n > SEED_MAX)
		return false;
	for (const char *p = seed; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		      *p == '_' || *p == '-'))
			return false;
	return true;
}

uint64_t ehp_sample_rank(const char *seed, const char *id)
{
	sha256_ctx c;
	char hex[65];
	sha256_init(&c);
	sha256_update(&c, seed, strlen(seed));
	sha256_update(&c, ":", 1);
	sha256_update(&c, id, strlen(id));
	sha256_final(&c, hex);
	uint64_t rank = 0;
	for (int i = 0; i < 16; i++)
		rank = rank << 4 | (uint64_t)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
	return rank;
}

uint64_t ehp_sample_bound(const ehp_audit_sample *s)
{
	return s->want && s->n == s->want ? s->kept[s->n - 1].rank : UINT64_MAX;
}

/* Whether (rank, id) comes before entry e. */
static bool before(uint64_t rank, const char *id, const ehp_sampled *e)
{
	return rank != e->rank ? rank < e->rank : strcmp(id, e->id) < 0;
}

void ehp_sample_offer(ehp_audit_sample *s, uint64_t rank, const char *id, char *text)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (before(rank, id, &s->kept[mid]))
			hi = mid;
		else
			lo = mid + 1;
	}
	if (lo >= s->want) { /* not among the N smallest */
		free(text);
		return;
	}
	if (!s->kept)
		s->kept = ehp_xcalloc(s->want, sizeof *s->kept);
	if (s->n == s->want) { /* the largest falls out */
		free(s->kept[s->n - 1].id);
		free(s->kept[s->n - 1].text);
		s->n--;
	}
	memmove(&s->kept[lo + 1], &s->kept[lo], (s->n - lo) * sizeof *s->kept);
	s->kept[lo] = (ehp_sampled){ rank, ehp_xprintf("%s", id), text };
	s->n++;
}

void ehp_sample_write(FILE *f, const ehp_audit_sample *s, const ehp_receipt *r)
{
	fputs("ehp audit sample: the explanations of claimable families drawn at random\n"
	      "\nThe run they come from (receipt.txt, down to its run id):\n\n", f);
	ehp_receipt_head(f, r, NULL);
	fprintf(f,
	        "\nsample        %zu of %lu claimable families (%zu asked for), seed %s\n"
	        "drawn by      each claimable family ranked by the SHA-256 of \"%s:\" and its id, the %zu smallest\n"
	        "              taken: the same data, plan, claim date and seed draw the same families again\n",
	        s->n, r->claimable, s->want, s->seed, s->seed, s->want);
	for (size_t i = 0; i < s->n; i++) {
		fprintf(f, "\n==== %zu of %zu, rank %016llx\n\n", i + 1, s->n, (unsigned long long)s->kept[i].rank);
		fputs(s->kept[i].text, f);
	}
	if (!s->n)
		fputs("\nNo family is claimable: there is nothing to sample.\n", f);
}

void ehp_sample_free(ehp_audit_sample *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->kept[i].id);
		free(s->kept[i].text);
	}
	free(s->kept);
	s->kept = NULL;
	s->n = 0;
}
