/*
 * dictionary.h - writes docs/data-dictionary.md from runtime/vocabulary.def,
 * so the dictionary the data teams read cannot drift from the vocabulary the
 * compiler and runtime use. Shared by tools/dictionary.c (which prints it)
 * and tests/unit/test_dictionary.c (which checks the checked-in copy).
 * Needs -Iruntime.
 */
#ifndef EHP_TOOLS_DICTIONARY_H
#define EHP_TOOLS_DICTIONARY_H

#include <stdio.h>
#include <string.h>

/* Table cells: a `|` would end the cell. */
static void dict_cell(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', f);
		fputc(*s, f);
	}
}

/* One row of a two-column table: a name and what it means. */
static void dict_row(FILE *f, const char *name, const char *doc)
{
	fprintf(f, "| `%s` | ", name);
	dict_cell(f, doc);
	fputs(" |\n", f);
}

static const char *dict_kind(const char *kind)
{
	if (!strcmp(kind, "EVENT"))
		return "event";
	if (!strcmp(kind, "STATE"))
		return "state";
	if (!strcmp(kind, "ASSESSMENT"))
		return "assessment";
	return "judgement";
}

/* What the value and total columns hold for a unit. */
static const char *dict_unit(const char *unit)
{
	if (!strcmp(unit, "SESSIONS"))
		return "sessions (value) of possible sessions (total)";
	if (!strcmp(unit, "DAYS"))
		return "days";
	if (!strcmp(unit, "MONEY"))
		return "pounds";
	return "";
}

/* Where a council typically finds each record type: the system or partner
 * that exports it (docs/data-format.md maps such exports). A type in no
 * list below comes from the Early Help case-management system itself. */
static const struct {
	const char *source;
	const char *types;     /* space-separated, each with a space before and after */
} dict_sources[] = {
	{ "SSD: `ssd_cin_episodes`", " child_in_need " },
	{ "SSD: `ssd_s47_enquiry`", " section_47_enquiry " },
	{ "SSD: `ssd_cp_plans`", " child_protection_plan " },
	{ "SSD: `ssd_cla_episodes`", " looked_after " },
	{ "SSD: `ssd_missing` (an episode's start; its end for `time_missing`)", " missing_episode time_missing " },
	{ "SSD: `ssd_early_help_episodes`", " early_help_assessment step_down_to_early_help " },
	{ "SSD: `ssd_contacts` (the MASH's contacts)", " mash_enquiry " },
	{ "SSD: `ssd_cin_assessments` factors, or the CP plan's category", " abuse_or_neglect " },
	{ "SSD: `ssd_ehcp_named_plan`, joined to the child through `ssd_ehcp_assessment`, `ssd_ehcp_requests` and "
	  "`ssd_send`; or the SEND team", " ehcp " },
	{ "SSD: `ssd_ehcp_assessment` (from its request's date), joined to the child through `ssd_ehcp_requests` and "
	  "`ssd_send`; or the SEND team", " send_assessment " },
	{ "SSD: `ssd_sen_need` (the needs on an EHCP), joined to the child through `ssd_ehcp_active_plans`, "
	  "`ssd_ehcp_requests` and `ssd_send`; SEN support: the school census", " sen " },
	{ "SSD: `ssd_sdq_scores` for `sdq`; otherwise the Early Help system", " assessment " },
	{ "police (the force's records system, matched to families by the Early Help team)",
	  " offence out_of_court_disposal arrest named_suspect police_callout police_report gang_involvement crime_risk "
	  "domestic_abuse_incident operation_encompass marac_referral honour_abuse_victim honour_abuse_perpetrator "
	  "sexual_abuse_victim sexual_abuse_perpetrator domestic_abuse_victim domestic_abuse_perpetrator " },
	{ "youth justice service", " youth_intervention prevention_service secure_unit_release exploitation_risk "
	  "macse_referral channel_support radicalisation_risk " },
	{ "probation and prisons", " prison_release licence community_order suspended_sentence breach_of_order " },
	{ "community safety: the council's ASB team, the fire service", " asb_intervention antisocial_behaviour "
	  "fire_incident home_safety_referral " },
	{ "school census and attendance returns (a row a pupil a term)", " attendance unauthorised_absence "
	  "authorised_absence fixed_term_exclusion permanent_exclusion semh send_support speech_language_need "
	  "school_registration alternative_provision full_time_timetable school_report " },
	{ "education services: children missing education, elective home education, the SEND team",
	  " missing_education missing_out_on_education unsuitable_home_education approved_home_education "
	  "suitable_education not_in_education send_need_unmet missing_monday_concern " },
	{ "early years: the EYFS profile, funded entitlements, children's centres", " eyfs_below_expected "
	  "free_entitlement_eligible free_entitlement_taken two_year_offer_not_taken childrens_centre_referral "
	  "childrens_centre_service developmental_need " },
	{ "the council's NEET tracking (CCIS) and post-16 providers", " neet neet_risk school_leaver_no_plan "
	  "education_training_employment progression_pathway further_education training_or_apprenticeship "
	  "information_advice_guidance " },
	{ "DWP (a data share, by person)", " jsa_claim non_working_benefit universal_credit earnings weekly_earnings employment "
	  "work_placement progress_to_work " },
	{ "housing and homelessness services (district councils, landlords)", " eviction_threat eviction_notice "
	  "homelessness_risk homeless_presentation suitable_housing temporary_accommodation tenancy_agreement "
	  "housing_confirmation rent_arrears " },
	{ "health: NHS trusts, health visiting, drug and alcohol services (a data share)", " mental_health_need "
	  "mental_health_support substance_misuse substance_treatment substance_exposure self_harm_risk conception "
	  "physical_health_need perinatal_concern perinatal_support_need health_needs_unmet development_check "
	  "vaccinations_up_to_date unmanaged_medical_condition dentist_unregistered dental_check_up programme_eligible "
	  "speech_language_service therapeutic_support " },
	{ "domestic abuse services", " domestic_abuse_service perpetrator_programme dva_statutory_involvement " },
};

static const char *dict_source(const char *type)
{
	char key[300];
	snprintf(key, sizeof key, " %s ", type);
	for (size_t i = 0; i < sizeof dict_sources / sizeof *dict_sources; i++)
		if (strstr(dict_sources[i].types, key))
			return dict_sources[i].source;
	return "the Early Help case-management system";
}

static void dict_write(FILE *f)
{
	fputs("<!-- Generated from runtime/vocabulary.def by tools/dictionary.c: do not edit by hand.\n"
	      "     Regenerate: cc -Iruntime -o /tmp/dictionary tools/dictionary.c && /tmp/dictionary > docs/data-dictionary.md -->\n"
	      "# Data dictionary\n"
	      "\n"
	      "Every plan reads the same three files (see [data-format.md](data-format.md)) and the\n"
	      "same vocabulary: the record types, details and person flags below. One extract of\n"
	      "a council's case-management system can therefore be judged under any council's\n"
	      "plan. A plan writes names exactly as here (lower case, underscores); the data may\n"
	      "write them in any case (`Offence`, `DOMESTIC`), and a role with spaces or hyphens\n"
	      "(below). A row with a name that is not listed is rejected, and `ehpc` suggests\n"
	      "the nearest name when a plan misspells one.\n"
	      "\n"
	      "## Which columns matter for each kind of record\n"
	      "\n"
	      "| kind | `date` | `end_date` | `value`, `total` | `score` | `detail` | `author` |\n"
	      "|---|---|---|---|---|---|---|\n"
	      "| event | the day it happened (may be in the future, e.g. a planned release) | empty | as the type's unit says | empty | where the type lists values | who recorded it, where known (e.g. `police`) |\n"
	      "| state | the first day it applied | the last day; empty while it still applies | as the type's unit says | empty | where the type lists values | who recorded it, where known |\n"
	      "| assessment | the day of the assessment | empty | empty | the score | the tool (below) | who assessed, where known |\n"
	      "| judgement | the day it was recorded | empty | empty | empty | the topic (below) | the practitioner's role, e.g. `school`, `probation officer` |\n"
	      "\n"
	      "An event given an end date is read as a span from `date` to `end_date`.\n"
	      "\n"
	      "| unit | `value` | `total` |\n"
	      "|---|---|---|\n"
	      "| sessions | sessions attended (`attendance`) or missed (`unauthorised_absence`) in the period | possible sessions in the same period |\n"
	      "| days | a number of days, e.g. school days excluded | empty |\n"
	      "| pounds | money in pounds (`1200.50`; `£1,200.50` as a spreadsheet writes it is read too) | empty |\n"
	      "| (none) | empty | empty |\n"
	      "\n"
	      "A rate such as attendance is 100 × the sum of `value` ÷ the sum of `total` over\n"
	      "the records in the window, so terms are weighted by their sessions. `value` and\n"
	      "`total` are never negative and `value` is never more than `total`.\n"
	      "\n"
	      "## Record types (`type` column)\n"
	      "\n"
	      "The last column says where a council typically finds each type: the system or\n"
	      "partner that exports it, and for the Standard Safeguarding Dataset (SSD, the\n"
	      "open extract of children's social care systems) its table. A council's own\n"
	      "exports are read through a mapping ([data-format.md](data-format.md#a-councils-own-export-the-mapping-file));\n"
	      "[examples/ssd](../examples/ssd/README.md) maps the SSD and the partners' exports for the rest.\n"
	      "\n"
	      "| type | kind | value | meaning | typically exported from |\n"
	      "|---|---|---|---|---|\n",
	      f);
#define EHP_RECORD(name, kind, unit, doc)                                                        \
	fputs("| `" #name "` | ", f);                                                                 \
	fputs(dict_kind(#kind), f);                                                                   \
	fputs(" | ", f);                                                                              \
	fputs(dict_unit(#unit), f);                                                                   \
	fputs(" | ", f);                                                                              \
	dict_cell(f, doc);                                                                            \
	fputs(" | ", f);                                                                              \
	fputs(dict_source(#name), f);                                                                 \
	fputs(" |\n", f);
#include "vocabulary.def"
#undef EHP_RECORD
	fputs("\n"
	      "## Details (`detail` column)\n"
	      "\n"
	      "The topic of a judgement, the tool of an assessment, or the kind of an event or\n"
	      "state where its meaning above lists them. Empty when none applies.\n"
	      "\n"
	      "| detail | meaning |\n"
	      "|---|---|\n",
	      f);
#define EHP_DETAIL(name, doc) dict_row(f, #name, doc);
#include "vocabulary.def"
#undef EHP_DETAIL
	fputs("\n"
	      "## Person flags (`flags` column of the people file)\n"
	      "\n"
	      "Several flags are separated by `;`, e.g. `parent;carer`. Empty when none applies.\n"
	      "\n"
	      "| flag | meaning |\n"
	      "|---|---|\n",
	      f);
#define EHP_FLAG(name, doc) dict_row(f, #name, doc);
#include "vocabulary.def"
#undef EHP_FLAG
	fputs("\n"
	      "## Roles (`author` column of the records file)\n"
	      "\n"
	      "Who recorded a record: for a judgement, the practitioner's role; for any other\n"
	      "record, its source where the extract holds one (a missing episode the police\n"
	      "identified is `police`: Wiltshire 3e and Medway 3B require it). Empty when not\n"
	      "recorded, and then no `by` of a plan matches it. A plan's `by practitioner` matches\n"
	      "every role except `self`; any other role matches only itself.\n"
	      "\n"
	      "A role in the data is written by a person, so it is read with case ignored and\n"
	      "spaces and hyphens taken as underscores: `Probation Officer`, `probation officer`\n"
	      "and `probation-officer` are all `probation_officer`. Nothing else is loosened\n"
	      "(`probation officers` or `Jane Smith` is an unknown role, and the row is\n"
	      "rejected). A plan names a role exactly as below (`by probation_officer`).\n"
	      "\n"
	      "| role | meaning |\n"
	      "|---|---|\n",
	      f);
#define EHP_ROLE(name, doc) dict_row(f, #name, doc);
#include "vocabulary.def"
#undef EHP_ROLE
}

#endif
