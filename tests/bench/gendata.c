/*
 * gendata.c - a synthetic council extract for the benchmark (make bench).
 *
 *   gendata FAMILIES DIR CLAIM_DATE
 *
 * writes DIR/sorted/{families,people,records}.csv (every file ordered by
 * family_id, a family's records by date), the same rows in DIR/shuffled/
 * (each file's rows shuffled on their own), and DIR/terms.csv (the school
 * terms the runtime ships, for the SQL baselines).
 *
 * The extract is meant to look like a council's: one or two parents (a few
 * families with a grandparent or an adult child, a few expecting their first
 * child), 0-6 children of every age, person flags as a case system records
 * them, a school census of attendance for every school-age child term by
 * term (possible sessions from the term's weekdays) with unauthorised
 * absence for the persistent absentees, offending that falls for some after
 * support, households the police are called to again and again, spans such
 * as benefit claims, orders and plans, and every other record type of
 * runtime/vocabulary.def at its own rate (table below), with details, scores
 * and authors where the type takes them. About 3.5 people and 16 records a
 * family. Support began within three years of the claim date; for about
 * three families in five it closed by then.
 *
 * Ids are zero-padded (F0000001, P000000001) so that byte order and number
 * order agree. Every row is valid: a run reports no rejects. Deterministic:
 * one fixed seed, so every run measures the same data.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ehp.h"

/* ------------------------------------------------------------ vocabulary */

typedef struct { const char *name; ehp_kind kind; } vtype;
static const vtype vocab_types[] = {
#define EHP_RECORD(name, kind, unit, doc) { #name, EHP_##kind },
#include "vocabulary.def"
#undef EHP_RECORD
};
#define N_VTYPES (sizeof vocab_types / sizeof *vocab_types)
static const char *const vocab_words[] = { /* details, flags and roles */
#define EHP_DETAIL(name, doc) #name,
#define EHP_FLAG(name, doc) #name,
#define EHP_ROLE(name, doc) #name,
#include "vocabulary.def"
#undef EHP_DETAIL
#undef EHP_FLAG
#undef EHP_ROLE
};

static void die(const char *what)
{
	fprintf(stderr, "gendata: %s\n", what);
	exit(2);
}

static bool known_word(const char *w)
{
	for (size_t i = 0; i < sizeof vocab_words / sizeof *vocab_words; i++)
		if (!strcmp(vocab_words[i], w))
			return true;
	return false;
}

/* ------------------------------------------------------------ randomness */

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint32_t rnd(uint32_t n) /* xorshift64*, uniform enough for a benchmark */
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)(((rng_state * 0x2545f4914f6cdd1du) >> 32) * n >> 32);
}

static int between(int lo, int hi) /* both included */
{
	return hi <= lo ? lo : lo + (int)rnd((uint32_t)(hi - lo + 1));
}

static bool chance(int per_mille)
{
	return (int)rnd(1000) < per_mille;
}

/* ------------------------------------------------------------ dates */

/* yyyy-mm-dd of every day from FIRST_YEAR on, so writing a date is a copy */
#define FIRST_YEAR_TEXT "1930-01-01"
#define LAST_DAY_TEXT "2035-12-31"
static char (*date_text)[10];
static int32_t date_base, date_last;

static void dates_init(void)
{
	date_base = ehp_date_parse(FIRST_YEAR_TEXT, 10);
	date_last = ehp_date_parse(LAST_DAY_TEXT, 10);
	date_text = malloc((size_t)(date_last - date_base + 1) * sizeof *date_text);
	if (!date_text)
		die("out of memory");
	for (int32_t d = date_base; d <= date_last; d++) {
		char text[11];
		ehp_date_format(d, text);
		memcpy(date_text[d - date_base], text, 10);
	}
}

/* ------------------------------------------------------------ output */

typedef struct {
	char *p;
	size_t n, cap;
	size_t *rows; /* where each row starts (the header is row 0) */
	size_t nrows, rowcap;
} buf;

static void reserve(buf *b, size_t more)
{
	if (b->n + more <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 1 << 20;
	while (cap < b->n + more)
		cap *= 2;
	if (!(b->p = realloc(b->p, cap)))
		die("out of memory");
	b->cap = cap;
}

static void row_start(buf *b)
{
	if (b->nrows == b->rowcap) {
		b->rowcap = b->rowcap ? b->rowcap * 2 : 1 << 16;
		if (!(b->rows = realloc(b->rows, b->rowcap * sizeof *b->rows)))
			die("out of memory");
	}
	b->rows[b->nrows++] = b->n;
	reserve(b, 512);
}

static void put(buf *b, const char *s)
{
	size_t len = strlen(s);
	memcpy(b->p + b->n, s, len);
	b->n += len;
}

static void putc_(buf *b, char c)
{
	b->p[b->n++] = c;
}

static void put_id(buf *b, char prefix, long n, int width)
{
	char *p = b->p + b->n;
	p[0] = prefix;
	for (int i = width; i >= 1; i--, n /= 10)
		p[i] = (char)('0' + n % 10);
	b->n += (size_t)width + 1;
}

static void put_num(buf *b, long n)
{
	char tmp[24];
	int len = 0;
	if (n < 0) {
		putc_(b, '-');
		n = -n;
	}
	do
		tmp[len++] = (char)('0' + n % 10);
	while (n /= 10);
	while (len)
		putc_(b, tmp[--len]);
}

static void put_date(buf *b, int32_t day)
{
	if (day < date_base || day > date_last)
		die("date out of range");
	memcpy(b->p + b->n, date_text[day - date_base], 10);
	b->n += 10;
}

static void write_file(const char *dir, const char *name, const buf *b, bool shuffle)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	if (!shuffle) {
		fwrite(b->p, 1, b->n, f);
	} else {
		size_t n = b->nrows;
		size_t *order = malloc(n * sizeof *order);
		if (!order)
			die("out of memory");
		for (size_t i = 0; i < n; i++)
			order[i] = i;
		for (size_t i = n - 1; i > 1; i--) { /* Fisher-Yates; row 0 (the header) stays */
			size_t j = 1 + (size_t)rnd((uint32_t)i);
			size_t t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		for (size_t i = 0; i < n; i++) {
			size_t r = order[i];
			size_t end = r + 1 < n ? b->rows[r + 1] : b->n;
			fwrite(b->p + b->rows[r], 1, end - b->rows[r], f);
		}
		free(order);
	}
	if (fclose(f)) {
		perror(path);
		exit(2);
	}
}

/* ------------------------------------------------------------ the rates */

/* Who a record type is about: a member of some age at entry, or the household. */
enum who { CHILD, YOUNG /* 10-18 */, SCHOOL /* 5-15 */, EARLY /* 0-5 */, TEEN /* 16-24 */,
	   ADULT, ANYONE, HOUSEHOLD };

typedef struct {
	const char *type;
	enum who who;
	int per_mille;            /* expected records per 1000 families */
	const char *const *detail; /* NULL-terminated choices, "" for none */
	int value_lo, value_hi;   /* value range (0, 0: no value) */
} rate;

static const char *const topics[] = { "crime", "education", "support", "work", "safety", "health",
	"parenting", "mental_health", "housing", "finance", "substance", "domestic_abuse",
	"whole_family", "send", "conflict", NULL };
static const char *const tools[] = { "family_star", "family_star", "worry_scale", "worry_scale",
	"caada_dash", "safety_tool", "sdq", "wemwbs", "top", "audit", "audit_c", "crafft",
	"relationship_quality", "exploitation_rag", "debt_owed", NULL };
static const char *const roles[] = { "key_worker", "lead_worker", "family_worker", "social_worker",
	"youth_worker", "school", "teacher", "senco", "police", "health_visitor", "school_nurse",
	"gp", "housing_officer", "work_coach", "idva", "drug_worker", "practitioner", "self", NULL };
static const char *const callout[] = { "", "", "", "domestic", "", "", "", "domestic", "honour_based",
	"", "", "", "", "", "", "", "", "", "", "", NULL };
static const char *const exploitation[] = { "sexual", "criminal", "criminal", "gangs", NULL };
static const char *const success[] = { "", "successful", NULL };
static const char *const unsubst[] = { "", "", "unsubstantiated", NULL };
static const char *const abuse[] = { "emotional", "physical", "sexual", "neglect", "neglect", NULL };
static const char *const benefits[] = { "esa", "esa", "income_support", "incapacity_benefit",
	"carers_allowance", "sda", NULL };
static const char *const uc[] = { "work_related", "work_related", "work_related", "working_enough",
	"light_touch", NULL };
static const char *const housing[] = { "housing_secured", "no_duty_owed", "notice_withdrawn",
	"alternative_accommodation", NULL };
static const char *const fire[] = { "", "", "deliberate", NULL };
static const char *const treatment[] = { "", "planned", NULL };
static const char *const conflict[] = { "", "", "conflict", NULL };
static const char *const programmes[] = { "fnp", "baby_steps", NULL };

/* Every record type of the vocabulary but the school census, offences and
 * assessments (made below, person by person). */
static const rate rates[] = {
	{ "arrest", YOUNG, 120, NULL, 0, 0 },
	{ "named_suspect", YOUNG, 60, NULL, 0, 0 },
	{ "prevention_service", YOUNG, 30, NULL, 0, 0 },
	{ "prison_release", ADULT, 10, NULL, 0, 0 },
	{ "secure_unit_release", YOUNG, 3, NULL, 0, 0 },
	{ "licence", ADULT, 15, NULL, 0, 0 },
	{ "community_order", ADULT, 20, NULL, 0, 0 },
	{ "suspended_sentence", ADULT, 10, NULL, 0, 0 },
	{ "breach_of_order", ADULT, 10, NULL, 0, 0 },
	{ "asb_intervention", YOUNG, 30, NULL, 0, 0 },
	{ "antisocial_behaviour", YOUNG, 120, NULL, 0, 0 },
	{ "gang_involvement", YOUNG, 20, NULL, 0, 0 },
	{ "exploitation_risk", YOUNG, 30, exploitation, 0, 0 },
	{ "police_callout", HOUSEHOLD, 500, callout, 0, 0 },
	{ "crime_risk", YOUNG, 30, NULL, 0, 0 },
	{ "police_report", ANYONE, 60, topics, 0, 0 },
	{ "youth_intervention", YOUNG, 25, success, 0, 0 },
	{ "channel_support", YOUNG, 3, success, 0, 0 },
	{ "fixed_term_exclusion", SCHOOL, 150, NULL, 1, 5 },
	{ "permanent_exclusion", SCHOOL, 8, NULL, 0, 0 },
	{ "missing_education", SCHOOL, 15, NULL, 0, 0 },
	{ "missing_monday_concern", SCHOOL, 20, NULL, 0, 0 },
	{ "eyfs_below_expected", EARLY, 25, NULL, 0, 0 },
	{ "free_entitlement_eligible", EARLY, 40, NULL, 0, 0 },
	{ "free_entitlement_taken", EARLY, 30, NULL, 0, 0 },
	{ "two_year_offer_not_taken", EARLY, 10, NULL, 0, 0 },
	{ "sen", CHILD, 150, NULL, 0, 0 },
	{ "neet", TEEN, 40, NULL, 0, 0 },
	{ "school_leaver_no_plan", TEEN, 15, NULL, 0, 0 },
	{ "not_in_education", TEEN, 10, NULL, 0, 0 },
	{ "alternative_provision", SCHOOL, 15, NULL, 0, 0 },
	{ "unsuitable_home_education", SCHOOL, 4, NULL, 0, 0 },
	{ "full_time_timetable", SCHOOL, 20, NULL, 0, 0 },
	{ "suitable_education", SCHOOL, 20, NULL, 0, 0 },
	{ "education_training_employment", TEEN, 40, NULL, 0, 0 },
	{ "school_registration", CHILD, 10, NULL, 0, 0 },
	{ "neet_risk", TEEN, 20, NULL, 0, 0 },
	{ "send_need_unmet", CHILD, 15, NULL, 0, 0 },
	{ "school_report", SCHOOL, 40, topics, 0, 0 },
	{ "progression_pathway", TEEN, 10, NULL, 0, 0 },
	{ "developmental_need", EARLY, 20, NULL, 0, 0 },
	{ "development_check", EARLY, 30, NULL, 0, 0 },
	{ "missing_out_on_education", SCHOOL, 5, NULL, 0, 0 },
	{ "approved_home_education", SCHOOL, 5, NULL, 0, 0 },
	{ "further_education", TEEN, 20, NULL, 0, 0 },
	{ "training_or_apprenticeship", TEEN, 15, NULL, 0, 0 },
	{ "early_help_assessment", CHILD, 250, NULL, 0, 0 },
	{ "young_carer_referral", CHILD, 15, NULL, 0, 0 },
	{ "step_down_to_early_help", CHILD, 60, NULL, 0, 0 },
	{ "step_down_to_universal", CHILD, 60, NULL, 0, 0 },
	{ "mash_enquiry", CHILD, 200, NULL, 0, 0 },
	{ "childrens_centre_referral", ANYONE, 30, NULL, 0, 0 },
	{ "homeless_presentation", TEEN, 5, NULL, 0, 0 },
	{ "semh", CHILD, 60, NULL, 0, 0 },
	{ "ehcp", CHILD, 40, NULL, 0, 0 },
	{ "child_in_need", CHILD, 80, NULL, 0, 0 },
	{ "section_47_enquiry", CHILD, 50, unsubst, 0, 0 },
	{ "child_protection_plan", CHILD, 30, NULL, 0, 0 },
	{ "speech_language_need", EARLY, 25, NULL, 0, 0 },
	{ "speech_language_service", EARLY, 20, NULL, 0, 0 },
	{ "send_support", CHILD, 30, NULL, 0, 0 },
	{ "abuse_or_neglect", CHILD, 25, abuse, 0, 0 },
	{ "extrafamilial_harm", CHILD, 15, NULL, 0, 0 },
	{ "radicalisation_risk", YOUNG, 3, NULL, 0, 0 },
	{ "young_carer_need", CHILD, 15, NULL, 0, 0 },
	{ "young_carer_assessment", CHILD, 10, NULL, 0, 0 },
	{ "respite_support", ADULT, 5, NULL, 0, 0 },
	{ "child_to_parent_abuse", YOUNG, 15, NULL, 0, 0 },
	{ "therapeutic_support", CHILD, 15, NULL, 0, 0 },
	{ "affected_by_support", CHILD, 8, NULL, 0, 0 },
	{ "send_assessment", CHILD, 20, NULL, 0, 0 },
	{ "family_group_conference", HOUSEHOLD, 10, success, 0, 0 },
	{ "looked_after", CHILD, 5, NULL, 0, 0 },
	{ "time_missing", YOUNG, 10, NULL, 1, 3 },
	{ "jsa_claim", ADULT, 60, NULL, 0, 0 },
	{ "non_working_benefit", ADULT, 150, benefits, 0, 0 },
	{ "universal_credit", ADULT, 350, uc, 0, 0 },
	{ "earnings", ADULT, 250, NULL, 120, 1800 },
	{ "weekly_earnings", ADULT, 60, NULL, 30, 450 },
	{ "employment", ADULT, 200, NULL, 0, 0 },
	{ "eviction_threat", HOUSEHOLD, 30, NULL, 0, 0 },
	{ "eviction_notice", HOUSEHOLD, 15, NULL, 0, 0 },
	{ "homelessness_risk", HOUSEHOLD, 30, NULL, 0, 0 },
	{ "suitable_housing", HOUSEHOLD, 20, NULL, 0, 0 },
	{ "unmanageable_debt", HOUSEHOLD, 40, NULL, 0, 0 },
	{ "work_placement", ADULT, 10, NULL, 0, 0 },
	{ "accredited_training", ADULT, 15, NULL, 0, 0 },
	{ "progress_to_work", ADULT, 20, NULL, 0, 0 },
	{ "in_work_poverty", HOUSEHOLD, 20, NULL, 0, 0 },
	{ "information_advice_guidance", TEEN, 15, NULL, 0, 0 },
	{ "financial_support_need", HOUSEHOLD, 40, NULL, 0, 0 },
	{ "debt_repayment_plan", HOUSEHOLD, 20, NULL, 0, 0 },
	{ "temporary_accommodation", HOUSEHOLD, 10, NULL, 0, 0 },
	{ "tenancy_agreement", HOUSEHOLD, 10, NULL, 0, 0 },
	{ "housing_confirmation", HOUSEHOLD, 8, housing, 0, 0 },
	{ "excluded_from_home", YOUNG, 5, NULL, 0, 0 },
	{ "rent_arrears", HOUSEHOLD, 40, NULL, 0, 0 },
	{ "domestic_abuse_incident", HOUSEHOLD, 80, NULL, 0, 0 },
	{ "domestic_abuse_victim", ADULT, 80, NULL, 0, 0 },
	{ "sexual_abuse_victim", ANYONE, 8, NULL, 0, 0 },
	{ "honour_abuse_victim", ANYONE, 2, NULL, 0, 0 },
	{ "domestic_abuse_perpetrator", ADULT, 40, NULL, 0, 0 },
	{ "sexual_abuse_perpetrator", ADULT, 3, NULL, 0, 0 },
	{ "honour_abuse_perpetrator", ADULT, 1, NULL, 0, 0 },
	{ "domestic_abuse_service", ADULT, 40, NULL, 0, 0 },
	{ "missing_episode", YOUNG, 40, NULL, 0, 0 },
	{ "marac_referral", ADULT, 20, NULL, 0, 0 },
	{ "macse_referral", YOUNG, 5, NULL, 0, 0 },
	{ "fire_incident", HOUSEHOLD, 5, fire, 0, 0 },
	{ "home_safety_referral", HOUSEHOLD, 10, NULL, 0, 0 },
	{ "dva_statutory_involvement", CHILD, 20, NULL, 0, 0 },
	{ "parental_conflict", CHILD, 40, NULL, 0, 0 },
	{ "parenting_programme", ADULT, 30, conflict, 0, 0 },
	{ "operation_encompass", CHILD, 30, NULL, 0, 0 },
	{ "perpetrator_programme", ADULT, 8, NULL, 0, 0 },
	{ "mental_health_need", ANYONE, 200, NULL, 0, 0 },
	{ "substance_misuse", ADULT, 60, NULL, 0, 0 },
	{ "substance_exposure", CHILD, 20, NULL, 0, 0 },
	{ "substance_treatment", ADULT, 30, treatment, 0, 0 },
	{ "self_harm_risk", YOUNG, 25, NULL, 0, 0 },
	{ "conception", YOUNG, 4, NULL, 0, 0 },
	{ "physical_health_need", ANYONE, 60, NULL, 0, 0 },
	{ "perinatal_concern", ADULT, 15, NULL, 0, 0 },
	{ "mental_health_support", ANYONE, 60, NULL, 0, 0 },
	{ "carer_support", ADULT, 10, NULL, 0, 0 },
	{ "perinatal_support_need", ADULT, 8, NULL, 0, 0 },
	{ "health_needs_unmet", EARLY, 10, NULL, 0, 0 },
	{ "disability_support_need", ANYONE, 20, NULL, 0, 0 },
	{ "home_adaptation", HOUSEHOLD, 5, NULL, 0, 0 },
	{ "childrens_centre_service", EARLY, 20, NULL, 0, 0 },
	{ "vaccinations_up_to_date", EARLY, 15, NULL, 0, 0 },
	{ "unmanaged_medical_condition", ANYONE, 15, NULL, 0, 0 },
	{ "dentist_unregistered", CHILD, 10, NULL, 0, 0 },
	{ "dental_check_up", CHILD, 15, NULL, 0, 0 },
	{ "programme_eligible", ADULT, 5, programmes, 0, 0 },
	{ "whole_family_assessment", HOUSEHOLD, 600, NULL, 0, 0 },
	{ "family_action_plan", HOUSEHOLD, 550, NULL, 0, 0 },
	{ "lead_worker", HOUSEHOLD, 600, NULL, 0, 0 },
	{ "parenting_support_need", ADULT, 40, NULL, 0, 0 },
	{ "whole_family_intervention", HOUSEHOLD, 30, NULL, 0, 0 },
	{ "support_engagement", ANYONE, 60, topics, 0, 0 },
	{ "support_package", ANYONE, 40, topics, 0, 0 },
	{ "referral", HOUSEHOLD, 60, topics, 0, 0 },
	{ "course_completed", ADULT, 20, topics, 0, 0 },
	{ "professional_concern", ANYONE, 300, topics, 0, 0 },
	{ "improvement_noted", ANYONE, 150, topics, 0, 0 },
};
#define N_RATES (sizeof rates / sizeof *rates)

/* Made person by person below, not from the table. */
static const char *const own_types[] = { "attendance", "unauthorised_absence", "authorised_absence",
	"offence", "out_of_court_disposal", "assessment" };

static int type_index(const char *name)
{
	for (size_t i = 0; i < N_VTYPES; i++)
		if (!strcmp(vocab_types[i].name, name))
			return (int)i;
	fprintf(stderr, "gendata: `%s` is not a record type of runtime/vocabulary.def\n", name);
	exit(2);
}

static void check_words(const char *const *list)
{
	for (; list && *list; list++)
		if (**list && !known_word(*list)) {
			fprintf(stderr, "gendata: `%s` is not in runtime/vocabulary.def\n", *list);
			exit(2);
		}
}

static int rate_type[N_RATES];

/* Every table entry names the vocabulary, and every record type is made. */
static void check_tables(void)
{
	bool made[N_VTYPES] = { false };
	for (size_t i = 0; i < N_RATES; i++) {
		rate_type[i] = type_index(rates[i].type);
		made[rate_type[i]] = true;
		check_words(rates[i].detail);
	}
	for (size_t i = 0; i < sizeof own_types / sizeof *own_types; i++)
		made[type_index(own_types[i])] = true;
	for (size_t i = 0; i < N_VTYPES; i++)
		if (!made[i]) {
			fprintf(stderr, "gendata: record type `%s` is never made\n", vocab_types[i].name);
			exit(2);
		}
	check_words(topics);
	check_words(tools);
	check_words(roles);
	static const char *const flags[] = { "parent", "parenting_responsibility", "couple", "carer",
		"expectant_parent", "new_parent", "lldd", "sibling", "primary_school", "dependent", NULL };
	check_words(flags);
}

/* ------------------------------------------------------------ a family */

typedef struct {
	int32_t born;
	int age; /* completed years at entry */
	char flags[128];
} person;

typedef struct {
	int32_t date, end;  /* end < 0: none */
	int member;         /* -1: household */
	int type;           /* index into vocab_types */
	int value, total;   /* < 0: none; value in quarters for time_missing */
	int score;          /* INT32_MIN: none */
	const char *detail, *author;
} record;

#define NO_SCORE INT32_MIN
#define MAX_PEOPLE 12
#define MAX_RECORDS 512

static record recs[MAX_RECORDS];
static int nrecs;

static record *add(int member, int type, int32_t date)
{
	if (nrecs == MAX_RECORDS)
		die("too many records in one family");
	record *r = &recs[nrecs++];
	*r = (record){ date, -1, member, type, -1, -1, NO_SCORE, "", "" };
	return r;
}

static int cmp_record(const void *a, const void *b)
{
	const record *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->member != y->member)
		return x->member < y->member ? -1 : 1;
	return x->type - y->type;
}

static void flag(person *p, const char *f)
{
	size_t len = strlen(p->flags);
	snprintf(p->flags + len, sizeof p->flags - len, "%s%s", len ? ";" : "", f);
}

static bool in_band(const person *p, enum who w)
{
	switch (w) {
	case CHILD: return p->age < 18;
	case YOUNG: return p->age >= 10 && p->age <= 18;
	case SCHOOL: return p->age >= 5 && p->age <= 15;
	case EARLY: return p->age <= 5;
	case TEEN: return p->age >= 16 && p->age <= 24;
	case ADULT: return p->age >= 18;
	case ANYONE: return true;
	case HOUSEHOLD: return false;
	}
	return false;
}

static const ehp_calendar *cal;

/* Sessions possible in a term: two a weekday, less a few closure days. */
static int possible_sessions(size_t term)
{
	static int weekdays[128];
	if (term >= sizeof weekdays / sizeof *weekdays)
		die("too many terms");
	if (!weekdays[term])
		for (int32_t d = cal->terms[term].start; d <= cal->terms[term].end; d++)
			weekdays[term] += ehp_weekday(d) <= 5;
	return 2 * weekdays[term] - 2 * between(0, 3);
}

static int32_t claim, earliest_entry;

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: gendata FAMILIES DIR CLAIM_DATE (yyyy-mm-dd)\n");
		return 2;
	}
	long n = atol(argv[1]);
	const char *dir = argv[2];
	claim = ehp_date_parse(argv[3], strlen(argv[3]));
	if (n <= 0 || n > 9999999 || claim == EHP_NO_DATE)
		die("FAMILIES must be 1 to 9999999 and CLAIM_DATE a date");
	earliest_entry = ehp_add_months(claim, -36) + 1;
	check_tables();
	dates_init();
	cal = ehp_calendar_england();
	int t_attendance = type_index("attendance"), t_unauth = type_index("unauthorised_absence"),
	    t_auth = type_index("authorised_absence"), t_offence = type_index("offence"),
	    t_ood = type_index("out_of_court_disposal"), t_assessment = type_index("assessment"),
	    t_callout = type_index("police_callout"), t_noted = type_index("improvement_noted");

	buf fam = { 0 }, ppl = { 0 }, rec = { 0 };
	reserve(&fam, (size_t)n * 32); /* about what a family takes, so few copies */
	reserve(&ppl, (size_t)n * 4 * 56);
	reserve(&rec, (size_t)n * 18 * 64);
	row_start(&fam);
	put(&fam, "family_id,entry_date,closure_date\n");
	row_start(&ppl);
	put(&ppl, "person_id,family_id,date_of_birth,flags\n");
	row_start(&rec);
	put(&rec, "family_id,person_id,type,date,end_date,value,total,score,detail,author\n");

	long next_person = 1;
	person people[MAX_PEOPLE];
	for (long f = 1; f <= n; f++) {
		int32_t entry = between(earliest_entry, claim);
		int32_t closure = -1; /* support closed after 3 to 18 months, by the claim date */
		if (chance(800)) {
			int32_t c = entry + between(90, 540);
			if (c <= claim)
				closure = c;
		}

		/* the household */
		int np = 0;
		int adults = chance(450) ? 2 : 1;
		int kids;
		uint32_t k = rnd(1000);
		kids = k < 30 ? 0 : k < 410 ? 1 : k < 730 ? 2 : k < 890 ? 3 : k < 960 ? 4 : k < 990 ? 5 : 6;
		int extra = chance(60);
		for (int a = 0; a < adults; a++) {
			person *p = &people[np++];
			p->born = entry - between(19 * 365, 55 * 365);
			p->flags[0] = 0;
			flag(p, "parent");
			flag(p, "parenting_responsibility");
			if (adults == 2)
				flag(p, "couple");
			if (chance(60))
				flag(p, "carer");
			if (chance(20))
				flag(p, "lldd");
		}
		if (kids == 0 || chance(30))
			flag(&people[0], "expectant_parent");
		int youngest = 99;
		for (int c = 0; c < kids; c++) {
			person *p = &people[np++];
			p->born = entry - between(0, 18 * 365 - 1);
			p->flags[0] = 0;
			int age = ehp_age_on(p->born, entry);
			if (age < youngest)
				youngest = age;
			if (kids > 1)
				flag(p, "sibling");
			if (age >= 4 && age <= 10)
				flag(p, "primary_school");
			if (age >= 16 && chance(750))
				flag(p, "dependent");
			if (chance(60))
				flag(p, "lldd");
		}
		if (youngest == 0)
			flag(&people[0], "new_parent");
		if (extra) { /* a grandparent or an adult child */
			person *p = &people[np++];
			p->flags[0] = 0;
			if (chance(500)) {
				p->born = entry - between(50 * 365, 80 * 365);
				flag(p, "carer");
			} else {
				p->born = entry - between(18 * 365 + 5, 24 * 365);
				if (kids)
					flag(p, "sibling");
				if (chance(100))
					flag(p, "lldd");
			}
		}
		for (int i = 0; i < np; i++)
			people[i].age = ehp_age_on(people[i].born, entry);

		nrecs = 0;
		/* the school census: every school-age child, the 3 terms before
		 * entry and up to 2 after, each ended by the claim date */
		size_t last_before = 0;
		while (last_before < cal->n && cal->terms[last_before].end <= entry)
			last_before++;
		bool persistent_absence = false;
		for (int i = 0; i < np; i++) {
			person *p = &people[i];
			if (p->age < 5 || p->age > 15)
				continue;
			uint32_t band = rnd(1000); /* persistent absence in one child in three */
			int rate = band < 650 ? between(910, 990) : band < 920 ? between(750, 909) : between(250, 749);
			persistent_absence |= rate < 900;
			bool improves = chance(400);
			for (size_t t = last_before >= 3 ? last_before - 3 : 0; t < cal->n && t < last_before + 2; t++) {
				const ehp_term *term = &cal->terms[t];
				if (term->end > claim)
					break;
				int possible = possible_sessions(t);
				int r = rate + between(-30, 30);
				if (improves && term->start > entry)
					r += (1000 - r) / 2;
				if (r > 1000)
					r = 1000;
				int attended = possible * r / 1000;
				record *a = add(i, t_attendance, term->start);
				a->end = term->end;
				a->value = attended, a->total = possible;
				int missed = possible - attended;
				int unauth = missed * between(20, 70) / 100;
				if (rate < 850) {
					record *u = add(i, t_unauth, term->start);
					u->end = term->end;
					u->value = unauth, u->total = possible;
				} else if (chance(60)) {
					record *u = add(i, t_auth, term->start);
					u->end = term->end;
					u->value = missed - unauth, u->total = possible;
				}
			}
		}
		/* offending: some young people and adults offend in the year before
		 * entry; after it, some stop, some carry on */
		for (int i = 0; i < np; i++) {
			person *p = &people[i];
			if (p->age < 10 || !chance(p->age <= 18 ? 90 : 40))
				continue;
			int before = between(1, 4);
			for (int o = 0; o < before; o++)
				add(i, chance(700) ? t_offence : t_ood, entry - between(0, o == 3 ? 700 : 364));
			int after = (int)rnd(4) * (int)rnd(3);
			for (int o = 0; o < after; o++) {
				int32_t d = entry + between(1, 730);
				if (d <= claim)
					add(i, chance(700) ? t_offence : t_ood, d);
			}
		}
		/* police call-outs: a household in ten is called out to again and
		 * again in the year before entry; after it, fewer for most */
		if (chance(100)) {
			int before = between(3, 10);
			for (int o = 0; o < before; o++)
				add(-1, t_callout, entry - between(0, 364));
			int after = before * between(0, 8) / 10;
			for (int o = 0; o < after; o++) {
				int32_t d = entry + between(1, 540);
				if (d <= claim)
					add(-1, t_callout, d);
			}
		}
		/* the closing review notes better attendance for some children */
		if (persistent_absence && closure >= 0 && chance(250)) {
			int32_t d = closure + between(0, 180);
			if (d <= claim) {
				record *r = add(-1, t_noted, d);
				r->detail = "education";
				r->author = "school";
			}
		}
		/* distance travelled: two or three scores for a parent */
		if (chance(300)) {
			int tool = (int)rnd(14);
			int scores = between(2, 3);
			int s = between(2, 7);
			for (int j = 0; j < scores; j++) {
				int32_t d = entry + j * between(60, 200);
				if (d > claim)
					break;
				record *r = add(0, t_assessment, d);
				r->detail = tools[tool];
				r->score = tool == 14 ? between(0, 5000) : s + between(-1, 3);
				if (r->score < 0)
					r->score = 0;
			}
		}
		/* everything else, at its rate */
		for (size_t i = 0; i < N_RATES; i++) {
			const rate *rt = &rates[i];
			int count = rt->per_mille / 1000 + chance(rt->per_mille % 1000);
			for (int c = 0; c < count; c++) {
				int member = -1;
				if (rt->who != HOUSEHOLD) {
					int pool[MAX_PEOPLE], m = 0;
					for (int j = 0; j < np; j++)
						if (in_band(&people[j], rt->who))
							pool[m++] = j;
					if (!m)
						break;
					member = pool[rnd((uint32_t)m)];
				}
				bool state = vocab_types[rate_type[i]].kind == EHP_STATE;
				int32_t d;
				if (state) {
					d = between(entry - 540, entry + 360 < claim ? entry + 360 : claim);
				} else if (!strcmp(rt->type, "prison_release") || !strcmp(rt->type, "secure_unit_release")) {
					d = between(entry - 180, entry + 420); /* may be future-dated */
				} else {
					d = between(entry - 450, entry + 540 < claim ? entry + 540 : claim);
				}
				if (member >= 0 && d < people[member].born)
					d = people[member].born;
				record *r = add(member, rate_type[i], d);
				if (state) {
					int32_t end = d + between(28, 540);
					r->end = end <= claim ? end : -1;
				}
				if (rt->detail) {
					int nd = 0;
					while (rt->detail[nd])
						nd++;
					r->detail = rt->detail[rnd((uint32_t)nd)];
				}
				if (rt->value_hi)
					r->value = between(rt->value_lo, rt->value_hi);
				if (vocab_types[rate_type[i]].kind == EHP_JUDGEMENT)
					r->author = roles[rnd(sizeof roles / sizeof *roles - 1)];
			}
		}
		qsort(recs, (size_t)nrecs, sizeof *recs, cmp_record);

		/* families.csv, people.csv, records.csv */
		row_start(&fam);
		put_id(&fam, 'F', f, 7);
		putc_(&fam, ',');
		put_date(&fam, entry);
		putc_(&fam, ',');
		if (closure >= 0)
			put_date(&fam, closure);
		putc_(&fam, '\n');
		long first_person = next_person;
		for (int i = 0; i < np; i++) {
			row_start(&ppl);
			put_id(&ppl, 'P', next_person++, 9);
			putc_(&ppl, ',');
			put_id(&ppl, 'F', f, 7);
			putc_(&ppl, ',');
			put_date(&ppl, people[i].born);
			putc_(&ppl, ',');
			put(&ppl, people[i].flags);
			putc_(&ppl, '\n');
		}
		for (int i = 0; i < nrecs; i++) {
			const record *r = &recs[i];
			row_start(&rec);
			put_id(&rec, 'F', f, 7);
			putc_(&rec, ',');
			if (r->member >= 0)
				put_id(&rec, 'P', first_person + r->member, 9);
			putc_(&rec, ',');
			put(&rec, vocab_types[r->type].name);
			putc_(&rec, ',');
			put_date(&rec, r->date);
			putc_(&rec, ',');
			if (r->end >= 0)
				put_date(&rec, r->end);
			putc_(&rec, ',');
			if (r->value >= 0)
				put_num(&rec, r->value);
			putc_(&rec, ',');
			if (r->total >= 0)
				put_num(&rec, r->total);
			putc_(&rec, ',');
			if (r->score != NO_SCORE)
				put_num(&rec, r->score);
			putc_(&rec, ',');
			put(&rec, r->detail);
			putc_(&rec, ',');
			put(&rec, r->author);
			putc_(&rec, '\n');
		}
	}

	char path[4096];
	const char *const sub[] = { "sorted", "shuffled" };
	if (mkdir(dir, 0777) && errno != EEXIST) {
		perror(dir);
		return 2;
	}
	for (int s = 0; s < 2; s++) {
		snprintf(path, sizeof path, "%s/%s", dir, sub[s]);
		if (mkdir(path, 0777) && errno != EEXIST) {
			perror(path);
			return 2;
		}
		write_file(path, "families.csv", &fam, s);
		write_file(path, "people.csv", &ppl, s);
		write_file(path, "records.csv", &rec, s);
	}
	/* The runtime's own calendar, for the SQL baselines. */
	buf terms = { 0 };
	row_start(&terms);
	put(&terms, "start,end\n");
	for (size_t t = 0; t < cal->n; t++) {
		row_start(&terms);
		put_date(&terms, cal->terms[t].start);
		putc_(&terms, ',');
		put_date(&terms, cal->terms[t].end);
		putc_(&terms, '\n');
	}
	write_file(dir, "terms.csv", &terms, false);
	printf("%ld families, %zu people, %zu records\n", n, ppl.nrows - 1, rec.nrows - 1);
	return 0;
}
