-- The SQLite half of the restricted rules: the tables restricted.sql reads
-- as views (its notes say what each column means), made as tables here:
-- SQLite would work a view out again for every row that joins it (100 times
-- slower here), so an analyst stages them. tests/bench/run.sh loads the
-- tables with the sqlite3 shell's .import, so every column is text and an
-- empty field is '' (NULLIF makes it NULL); dates are yyyy-mm-dd text,
-- compared as text and counted in days with julianday.
--
-- Months are added by hand: SQLite's date(d, '-12 months') does not clamp
-- (29 Feb 2024 less 12 months is 1 Mar 2023, where the plan means 28 Feb),
-- so a month shift takes the same day of the target month, or that month's
-- last day when the day does not exist there.
CREATE TABLE term AS
    SELECT row_number() OVER (ORDER BY start) AS n, start, "end" FROM terms;

CREATE TABLE family AS
    WITH fam AS (
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
    )
    SELECT s.*, t1.start AS terms_from, t3."end" AS terms_to,
           date(s.closure, '+1 day') AS after_closure,
           julianday(s.entry) - julianday(s.year_before) + 1 AS year_days,
           julianday(s.six_after) - julianday(s.closure) AS six_days
    FROM shifted s
    LEFT JOIN term t1 ON s.last_term >= 3 AND t1.n = s.last_term - 2
    LEFT JOIN term t3 ON s.last_term >= 3 AND t3.n = s.last_term;

-- Age in completed years: the birthday this year is 28 Feb for a 29 Feb
-- birth in a common year.
CREATE TABLE member AS
    SELECT p.person_id, f.*,
           CAST(substr(f.entry, 1, 4) AS INTEGER) - CAST(substr(p.date_of_birth, 1, 4) AS INTEGER)
             - (substr(f.entry, 6, 5) <
                CASE WHEN substr(p.date_of_birth, 6, 5) = '02-29'
                          AND date(substr(f.entry, 1, 4) || '-02-28', '+1 day') LIKE '%-03-01'
                     THEN '02-28' ELSE substr(p.date_of_birth, 6, 5) END) AS age,
           ';' || p.flags || ';' AS flags
    FROM people p JOIN family f ON f.family_id = p.family_id;

CREATE TABLE rec AS
    SELECT family_id, NULLIF(person_id, '') AS person_id, type, detail, "date" AS d,
           CASE WHEN type = 'attendance' THEN coalesce(NULLIF(end_date, ''), '9999-12-31')
                ELSE coalesce(NULLIF(end_date, ''), "date") END AS e,
           CAST(NULLIF(value, '') AS REAL) AS value, CAST(NULLIF(total, '') AS REAL) AS total
    FROM records
    WHERE type IN ('offence', 'out_of_court_disposal', 'attendance', 'police_callout', 'improvement_noted');

-- and indexes them for restricted.sql's joins
CREATE INDEX rec_person ON rec(person_id);
CREATE INDEX rec_family ON rec(family_id);
CREATE INDEX member_family ON member(family_id);
