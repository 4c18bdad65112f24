-- tests/bench/restricted.ehp as SQLite SQL: the query of
-- restricted.duckdb.sql (whose notes say what each rule means) in SQLite's
-- dialect. tests/bench/run.sh loads the tables with the sqlite3 shell's
-- .import, so every column is text and an empty field is '' (NULLIF makes it
-- NULL), dates are yyyy-mm-dd text (compared as text, counted in days with
-- julianday), and params holds the claim date.
--
-- Months are added by hand: SQLite's date(d, '-12 months') does not clamp
-- (29 Feb 2024 less 12 months is 1 Mar 2023, where the plan means 28 Feb),
-- so a month shift takes the same day of the target month, or that month's
-- last day when the day does not exist there.
WITH
claim AS (SELECT claim FROM params),
term AS (SELECT row_number() OVER (ORDER BY start) AS n, start, "end" FROM terms),
fam AS (
    SELECT family_id, entry_date AS entry, NULLIF(closure_date, '') AS closure,
           (SELECT max(n) FROM term WHERE term."end" <= families.entry_date) AS last_term
    FROM families
),
shifted AS (
    SELECT fam.*,
           date(min(date(entry, 'start of month', '-12 months',
                         '+' || (CAST(strftime('%d', entry) AS INTEGER) - 1) || ' days'),
                    date(entry, 'start of month', '-11 months', '-1 day')), '+1 day') AS year_before,
           min(date(closure, 'start of month', '+6 months',
                    '+' || (CAST(strftime('%d', closure) AS INTEGER) - 1) || ' days'),
               date(closure, 'start of month', '+7 months', '-1 day')) AS six_after
    FROM fam
),
family AS (
    SELECT s.*, t1.start AS terms_from, t3."end" AS terms_to,
           julianday(s.entry) - julianday(s.year_before) + 1 AS year_days,
           julianday(s.six_after) - julianday(s.closure) AS six_days,
           date(s.closure, '+1 day') AS after_closure
    FROM shifted s
    LEFT JOIN term t1 ON s.last_term >= 3 AND t1.n = s.last_term - 2
    LEFT JOIN term t3 ON s.last_term >= 3 AND t3.n = s.last_term
),
member AS (
    SELECT p.person_id, f.*,
           CAST(substr(f.entry, 1, 4) AS INTEGER) - CAST(substr(p.date_of_birth, 1, 4) AS INTEGER)
             - (substr(f.entry, 6, 5) <
                CASE WHEN substr(p.date_of_birth, 6, 5) = '02-29'
                          AND date(substr(f.entry, 1, 4) || '-02-28', '+1 day') LIKE '%-03-01'
                     THEN '02-28' ELSE substr(p.date_of_birth, 6, 5) END) AS age,
           ';' || p.flags || ';' AS flags
    FROM people p JOIN family f ON f.family_id = p.family_id
),
rec AS (
    SELECT family_id, NULLIF(person_id, '') AS person_id, type, detail, "date" AS d,
           CASE WHEN type = 'attendance' THEN coalesce(NULLIF(end_date, ''), '9999-12-31')
                ELSE coalesce(NULLIF(end_date, ''), "date") END AS e,
           CAST(NULLIF(value, '') AS REAL) AS value, CAST(NULLIF(total, '') AS REAL) AS total
    FROM records
    WHERE type IN ('offence', 'out_of_court_disposal', 'attendance', 'police_callout', 'improvement_noted')
),
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
             AND 100.0 * (pf.offences_before / (m.year_days / (365.25 / 12))
                          - pf.offences_after / (m.six_days / (365.25 / 12)))
                 / (pf.offences_before / (m.year_days / (365.25 / 12))) >= 33 - 1e-9 AS out_1a
    FROM member m LEFT JOIN person_figures pf ON pf.person_id = m.person_id
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
       CASE WHEN coalesce(i.crime, 0) AND coalesce(i.education, 0)
                 AND coalesce(m.has_child, 0) THEN 'yes' ELSE 'no' END AS eligible,
       coalesce(i.indicators_met, '') AS indicators_met,
       coalesce(i.outcomes_achieved, '') AS outcomes_achieved
FROM families f
LEFT JOIN family_items i ON i.family_id = f.family_id
LEFT JOIN family_members m ON m.family_id = f.family_id
ORDER BY f.family_id;
