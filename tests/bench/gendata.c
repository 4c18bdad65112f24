/*
 * gendata.c - writes a synthetic council extract for the benchmark:
 * families.csv, people.csv and records.csv with N families in a directory.
 *
 * Deterministic (fixed seed) so that every run measures the same work. The
 * mix of record types is loosely that of a real extract: attendance terms for
 * every child, a few offences, call-outs, benefit spans, assessments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint32_t rnd(uint32_t n) /* xorshift64*: uniform enough for a benchmark */
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1du) >> 33) % n;
}

static FILE *open_in(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	return f;
}

static void date(char *buf, size_t len, int year, int month, int day)
{
	snprintf(buf, len, "%04d-%02d-%02d", year, month, day);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: gendata N DIR\n");
		return 2;
	}
	long n = atol(argv[1]);
	FILE *fam = open_in(argv[2], "families.csv");
	FILE *ppl = open_in(argv[2], "people.csv");
	FILE *rec = open_in(argv[2], "records.csv");
	fputs("family_id,entry_date,closure_date\n", fam);
	fputs("person_id,family_id,date_of_birth,flags\n", ppl);
	fputs("family_id,person_id,type,date,end_date,value,total,score,detail,author\n", rec);

	static const char *const events[] = {
		"offence", "antisocial_behaviour", "fixed_term_exclusion", "domestic_abuse_incident",
		"missing_episode", "mash_enquiry", "professional_concern",
	};
	static const char *const details[] = { "", "", "", "domestic", "", "", "crime" };
	for (long f = 0; f < n; f++) {
		char entry[11], closure[11], d[11], e[11];
		int ey = 2022 + (int)rnd(2), em = 1 + (int)rnd(12), ed = 1 + (int)rnd(28);
		date(entry, sizeof entry, ey, em, ed);
		date(closure, sizeof closure, ey + 1, em, ed);
		fprintf(fam, "F%ld,%s,%s\n", f, entry, rnd(4) ? closure : "");
		fprintf(ppl, "F%ldP0,F%ld,%04d-%02d-%02d,parent;parenting_responsibility\n", f, f,
		        1975 + (int)rnd(20), 1 + (int)rnd(12), 1 + (int)rnd(28));
		int kids = 1 + (int)rnd(4);
		for (int k = 1; k <= kids; k++) {
			fprintf(ppl, "F%ldP%d,F%ld,%04d-%02d-%02d,\n", f, k, f,
			        2004 + (int)rnd(18), 1 + (int)rnd(12), 1 + (int)rnd(28));
			for (int t = 0; t < 6; t++) { /* attendance per term, two years */
				int y = ey - 1 + t / 3, m = 1 + 4 * (t % 3);
				date(d, sizeof d, y, m, 5);
				date(e, sizeof e, y, m + 3, 20);
				int possible = 120 + (int)rnd(20);
				fprintf(rec, "F%ld,F%ldP%d,attendance,%s,%s,%d,%d,,,\n", f, f, k, d, e,
				        possible - (int)rnd(40), possible);
			}
			int extra = (int)rnd(8);
			for (int x = 0; x < extra; x++) {
				unsigned which = rnd(sizeof events / sizeof *events);
				date(d, sizeof d, ey - 1 + (int)rnd(3), 1 + (int)rnd(12), 1 + (int)rnd(28));
				fprintf(rec, "F%ld,F%ldP%d,%s,%s,,%s,,,%s,\n", f, f, k, events[which], d,
				        which == 2 ? "2" : "", details[which]);
			}
		}
		int callouts = (int)rnd(8);
		for (int x = 0; x < callouts; x++) {
			date(d, sizeof d, ey - 1 + (int)rnd(3), 1 + (int)rnd(12), 1 + (int)rnd(28));
			fprintf(rec, "F%ld,,police_callout,%s,,,,,,\n", f, d);
		}
		if (rnd(3) == 0) {
			date(d, sizeof d, ey - 1, 1 + (int)rnd(12), 1 + (int)rnd(28));
			date(e, sizeof e, ey + 1, 1 + (int)rnd(12), 1 + (int)rnd(28));
			fprintf(rec, "F%ld,F%ldP0,jsa_claim,%s,%s,,,,,\n", f, f, d, rnd(2) ? e : "");
		}
		if (rnd(4) == 0) {
			for (int s = 0; s < 2; s++) {
				date(d, sizeof d, ey + s, em, ed);
				fprintf(rec, "F%ld,F%ldP0,assessment,%s,,,,%d,family_star,\n", f, f, d,
				        3 + (int)rnd(6));
			}
		}
	}
	if (fclose(fam) || fclose(ppl) || fclose(rec)) {
		perror("gendata");
		return 2;
	}
	return 0;
}
