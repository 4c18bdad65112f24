-- tests/bench/restricted.ehp as SQL: what a council's analyst would write to
-- answer the same questions from the same extract, for DuckDB and SQLite
-- alike. One row a family: family_id, eligible (yes/no), indicators_met and
-- outcomes_achieved as results.csv writes them (ID:SUBJECT, ;-joined, in
-- any order: the bench compares them as sets).
--
-- It reads the table params (claim: the claim date) and three views that
-- each engine's own file defines over the loaded extract, where the dialects
-- differ (date arithmetic, empty fields):
--   restricted.duckdb.sql   loaded by tests/bench/duckdb.mjs
--   restricted.sqlite.sql   loaded by the sqlite3 shell's .import (run.sh)
-- family   one row a family: entry, closure, the windows' first and last
--          days (year_before .. entry; after_closure .. six_after; the three
--          terms terms_from .. terms_to) and the two windows' lengths in days
-- member   one row a person, with their family's columns, age and flags
--          (';'-wrapped, so that a flag is matched as ';name;')
-- rec      the records the rules read: d its first day, e its last (an open
--          state runs on), value and total as numbers, NULL person_id for a
--          household record
--
-- docs/semantics.md, as used here:
--   * windows are whole days, both ends included; "12 months before entry" is
--     entry - 12 months + 1 day .. entry; "6 months after closure" is
--     closure + 1 day .. closure + 6 months; months clamp to the month's last
--     day;
--   * "3 terms before entry": the 3 terms that ended on or before entry, from
--     the first day of the earliest to the last day of the latest;
--   * an event is in a window when its date is; a state (attendance: a term)
--     when it overlaps the window, an open state running on;
--   * age: completed years at entry (29 February birthdays fall on 28
--     February in a common year);
--   * per month over a window written in whole months: count / its months
--     (12 before entry, 6 after closure); a fall by at least P%:
--     100 * (before - after) / before >= P; not judged while support is open,
--     when the after-window ends after the claim date, or from a zero
--     baseline; comparisons allow the runtime's 1e-9 for float noise;
--   * a rate compared over a window that ends after the claim date, or with
--     no possible sessions, is not met.
WITH
claim AS (SELECT claim FROM params),
person_figures AS (
    SELECT m.person_id,
           count(*) FILTER (WHERE r.type IN ('offence', 'out_of_court_disposal')
                            AND r.d <= m.entry AND r.e >= m.year_before) AS offences_before,
           count(*) FILTER (WHERE r.type IN ('offence', 'out_of_court_disposal')
                            AND r.d <= m.six_after AND r.e >= m.after_closure) AS offences_after,
           sum(coalesce(r.value, 0)) FILTER (WHERE r.type = 'attendance'
                            AND r.d <= m.terms_to AND r.e >= m.terms_from) AS attended,
           sum(r.total) FILTER (WHERE r.type = 'attendance'
                            AND r.d <= m.terms_to AND r.e >= m.terms_from) AS possible
    FROM member m JOIN rec r ON r.person_id = m.person_id
    GROUP BY m.person_id
),
household_figures AS (
    SELECT f.family_id,
           count(*) FILTER (WHERE r.type = 'police_callout' AND r.person_id IS NULL
                            AND r.d <= f.entry AND r.e >= f.year_before) AS callouts_before,
           count(*) FILTER (WHERE r.type = 'police_callout' AND r.person_id IS NULL
                            AND r.d <= f.six_after AND r.e >= f.after_closure) AS callouts_after,
           count(*) FILTER (WHERE r.type = 'improvement_noted' AND r.detail = 'education'
                            AND r.d <= f.six_after AND r.e >= f.closure) AS education_improved
    FROM family f JOIN rec r ON r.family_id = f.family_id
    GROUP BY f.family_id
),
person_verdicts AS (
    SELECT m.family_id, m.person_id, m.age, m.flags,
           m.age BETWEEN 10 AND 18 AND coalesce(pf.offences_before, 0) > 0 AS ind_1_1,
           m.age <= 15 AND m.terms_to IS NOT NULL AND m.terms_to <= (SELECT claim FROM claim)
             AND coalesce(pf.possible, 0) > 0
             AND 100.0 * pf.attended / pf.possible < 90 - 1e-9 AS ind_2_1,
           m.closure IS NOT NULL AND m.six_after <= (SELECT claim FROM claim)
             AND coalesce(pf.offences_before, 0) > 0
             AND 100.0 * (pf.offences_before / 12.0
                          - pf.offences_after / 6.0)
                 / (pf.offences_before / 12.0) >= 33 - 1e-9 AS out_1a
    FROM member m LEFT JOIN person_figures pf ON pf.person_id = m.person_id
),
family_verdicts AS (
    SELECT f.family_id,
           coalesce(h.callouts_before, 0) > 4 + 1e-9 AS ind_1_9,
           f.closure IS NOT NULL AND f.six_after <= (SELECT claim FROM claim)
             AND coalesce(h.callouts_before, 0) > 0
             AND 100.0 * (h.callouts_before / 12.0
                          - h.callouts_after / 6.0)
                 / (h.callouts_before / 12.0) >= 50 - 1e-9 AS out_1e,
           f.closure IS NOT NULL AND coalesce(h.education_improved, 0) > 0 AS out_2h
    FROM family f LEFT JOIN household_figures h ON h.family_id = f.family_id
),
items AS (
    SELECT family_id, 'i' AS kind, '1.1:' || person_id AS item FROM person_verdicts WHERE ind_1_1
    UNION ALL SELECT family_id, 'i', '2.1:' || person_id FROM person_verdicts WHERE ind_2_1
    UNION ALL SELECT family_id, 'i', '1.9:household' FROM family_verdicts WHERE ind_1_9
    -- an outcome is judged only for those who met an indicator it serves
    UNION ALL SELECT family_id, 'o', '1a:' || person_id FROM person_verdicts WHERE ind_1_1 AND out_1a
    UNION ALL SELECT family_id, 'o', '1e:household' FROM family_verdicts WHERE ind_1_9 AND out_1e
    UNION ALL SELECT v.family_id, 'o', '2h:family' FROM family_verdicts v
        WHERE out_2h AND EXISTS (SELECT 1 FROM person_verdicts p WHERE p.family_id = v.family_id AND p.ind_2_1)
),
family_items AS (
    SELECT family_id,
           group_concat(item, ';') FILTER (WHERE kind = 'i') AS indicators_met,
           group_concat(item, ';') FILTER (WHERE kind = 'o') AS outcomes_achieved,
           max(kind = 'i' AND (item LIKE '1.1:%' OR item LIKE '1.9:%')) AS crime,
           max(kind = 'i' AND item LIKE '2.1:%') AS education
    FROM items GROUP BY family_id
),
family_members AS (
    SELECT family_id,
           max(age <= 15 OR (age BETWEEN 16 AND 18 AND flags LIKE '%;dependent;%')
               OR flags LIKE '%;expectant_parent;%') AS has_child
    FROM person_verdicts GROUP BY family_id
)
SELECT f.family_id,
       CASE WHEN coalesce(i.crime, false) AND coalesce(i.education, false)
                 AND coalesce(m.has_child, false) THEN 'yes' ELSE 'no' END AS eligible,
       coalesce(i.indicators_met, '') AS indicators_met,
       coalesce(i.outcomes_achieved, '') AS outcomes_achieved
FROM families f
LEFT JOIN family_items i ON i.family_id = f.family_id
LEFT JOIN family_members m ON m.family_id = f.family_id
ORDER BY f.family_id;
