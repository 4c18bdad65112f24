-- tests/bench/restricted.ehp as DuckDB SQL: what a council's analyst would
-- write to answer the same questions from the same extract.
--
-- Tables (loaded by tests/bench/duckdb.mjs from the CSV files, counted in
-- the time): families, people, records, terms (the school calendar, one row
-- a term) and params (claim: the claim date). One row a family:
-- family_id, eligible (yes/no), indicators_met and outcomes_achieved as
-- results.csv writes them (ID:SUBJECT, ;-joined; here in sorted order).
--
-- docs/semantics.md, as used here:
--   * windows are whole days, both ends included; "12 months before entry" is
--     entry - 12 months + 1 day .. entry; "6 months after closure" is
--     closure + 1 day .. closure + 6 months; months clamp to the month's last
--     day (DuckDB's date + INTERVAL does the same);
--   * "3 terms before entry": the 3 terms that ended on or before entry, from
--     the first day of the earliest to the last day of the latest;
--   * an event is in a window when its date is; a state (attendance: a term)
--     when it overlaps the window, an open state running on;
--   * age: completed years at entry (29 February birthdays fall on 28
--     February in a common year);
--   * per month: count / (days / (365.25 / 12)); a fall by at least P%:
--     100 * (before - after) / before >= P; not judged while support is open,
--     when the after-window ends after the claim date, or from a zero
--     baseline; comparisons allow the runtime's 1e-9 for float noise;
--   * a rate compared over a window that ends after the claim date, or with
--     no possible sessions, is not met.
WITH
claim AS (SELECT claim FROM params),
term AS (SELECT row_number() OVER (ORDER BY start) AS n, start, "end" FROM terms),
fam AS (
    SELECT f.family_id, f.entry_date AS entry, f.closure_date AS closure,
           CAST(f.entry_date - INTERVAL 12 MONTH AS DATE) + 1 AS year_before,
           CAST(f.closure_date + INTERVAL 6 MONTH AS DATE) AS six_after,
           (SELECT max(n) FROM term WHERE term."end" <= f.entry_date) AS last_term
    FROM families f
),
family AS (
    SELECT fam.*, t1.start AS terms_from, t3."end" AS terms_to,
           (fam.entry - fam.year_before + 1)::DOUBLE AS year_days,
           (fam.six_after - fam.closure)::DOUBLE AS six_days
    FROM fam
    LEFT JOIN term t1 ON fam.last_term >= 3 AND t1.n = fam.last_term - 2
    LEFT JOIN term t3 ON fam.last_term >= 3 AND t3.n = fam.last_term
),
member AS (
    SELECT p.person_id, f.*,
           year(f.entry) - year(p.date_of_birth)
             - CASE WHEN month(f.entry) * 100 + day(f.entry)
                         < month(p.date_of_birth) * 100
                           + least(day(p.date_of_birth),
                                   day(last_day(make_date(year(f.entry), month(p.date_of_birth), 1))))
                    THEN 1 ELSE 0 END AS age,
           ';' || coalesce(p.flags, '') || ';' AS flags
    FROM people p JOIN family f USING (family_id)
),
-- The records the rules read, with the end a state runs to.
rec AS (
    SELECT family_id, person_id, type, detail, "date" AS d,
           CASE WHEN type = 'attendance' THEN coalesce(end_date, DATE '9999-12-31')
                ELSE coalesce(end_date, "date") END AS e,
           value, total
    FROM records
    WHERE type IN ('offence', 'out_of_court_disposal', 'attendance', 'police_callout', 'improvement_noted')
),
person_figures AS (
    SELECT m.person_id,
           count(*) FILTER (WHERE r.type IN ('offence', 'out_of_court_disposal')
                            AND r.d <= m.entry AND r.e >= m.year_before) AS offences_before,
           count(*) FILTER (WHERE r.type IN ('offence', 'out_of_court_disposal')
                            AND r.d <= m.six_after AND r.e >= m.closure + 1) AS offences_after,
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
                            AND r.d <= f.six_after AND r.e >= f.closure + 1) AS callouts_after,
           count(*) FILTER (WHERE r.type = 'improvement_noted' AND r.detail = 'education'
                            AND r.d <= f.six_after AND r.e >= f.closure) AS education_improved
    FROM family f JOIN rec r USING (family_id)
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
             AND 100.0 * (pf.offences_before / (m.year_days / (365.25 / 12))
                          - pf.offences_after / (m.six_days / (365.25 / 12)))
                 / (pf.offences_before / (m.year_days / (365.25 / 12))) >= 33 - 1e-9 AS out_1a
    FROM member m LEFT JOIN person_figures pf USING (person_id)
),
family_verdicts AS (
    SELECT f.family_id,
           coalesce(h.callouts_before, 0) > 4 + 1e-9 AS ind_1_9,
           f.closure IS NOT NULL AND f.six_after <= (SELECT claim FROM claim)
             AND coalesce(h.callouts_before, 0) > 0
             AND 100.0 * (h.callouts_before / (f.year_days / (365.25 / 12))
                          - h.callouts_after / (f.six_days / (365.25 / 12)))
                 / (h.callouts_before / (f.year_days / (365.25 / 12))) >= 50 - 1e-9 AS out_1e,
           f.closure IS NOT NULL AND coalesce(h.education_improved, 0) > 0 AS out_2h
    FROM family f LEFT JOIN household_figures h USING (family_id)
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
           string_agg(item, ';' ORDER BY item) FILTER (WHERE kind = 'i') AS indicators_met,
           string_agg(item, ';' ORDER BY item) FILTER (WHERE kind = 'o') AS outcomes_achieved,
           bool_or(kind = 'i' AND (item LIKE '1.1:%' OR item LIKE '1.9:%')) AS crime,
           bool_or(kind = 'i' AND item LIKE '2.1:%') AS education
    FROM items GROUP BY family_id
),
family_members AS (
    SELECT family_id,
           bool_or(age <= 15 OR (age BETWEEN 16 AND 18 AND flags LIKE '%;dependent;%')
                   OR flags LIKE '%;expectant_parent;%') AS has_child
    FROM person_verdicts GROUP BY family_id
)
SELECT f.family_id,
       CASE WHEN coalesce(i.crime, false) AND coalesce(i.education, false)
                 AND coalesce(m.has_child, false) THEN 'yes' ELSE 'no' END AS eligible,
       coalesce(i.indicators_met, '') AS indicators_met,
       coalesce(i.outcomes_achieved, '') AS outcomes_achieved
FROM families f
LEFT JOIN family_items i USING (family_id)
LEFT JOIN family_members m USING (family_id)
ORDER BY f.family_id
