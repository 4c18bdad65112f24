-- The DuckDB half of the restricted rules: the views restricted.sql reads
-- (its notes say what each column means), over the tables
-- tests/bench/duckdb.mjs loads: families, people, records (dates as DATE,
-- value and total as DOUBLE, an empty field NULL) and terms. DuckDB's
-- date + INTERVAL clamps to the month's last day, as the plan means.
CREATE VIEW term AS
    SELECT row_number() OVER (ORDER BY start) AS n, start, "end" FROM terms;

CREATE VIEW family AS
    WITH fam AS (
        SELECT f.family_id, f.entry_date AS entry, f.closure_date AS closure,
               CAST(f.entry_date - INTERVAL 12 MONTH AS DATE) + 1 AS year_before,
               CAST(f.closure_date + INTERVAL 6 MONTH AS DATE) AS six_after,
               (SELECT max(n) FROM term WHERE term."end" <= f.entry_date) AS last_term
        FROM families f
    )
    SELECT fam.*, t1.start AS terms_from, t3."end" AS terms_to,
           fam.closure + 1 AS after_closure,
           (fam.entry - fam.year_before + 1)::DOUBLE AS year_days,
           (fam.six_after - fam.closure)::DOUBLE AS six_days
    FROM fam
    LEFT JOIN term t1 ON fam.last_term >= 3 AND t1.n = fam.last_term - 2
    LEFT JOIN term t3 ON fam.last_term >= 3 AND t3.n = fam.last_term;

CREATE VIEW member AS
    SELECT p.person_id, f.*,
           year(f.entry) - year(p.date_of_birth)
             - CASE WHEN month(f.entry) * 100 + day(f.entry)
                         < month(p.date_of_birth) * 100
                           + least(day(p.date_of_birth),
                                   day(last_day(make_date(year(f.entry), month(p.date_of_birth), 1))))
                    THEN 1 ELSE 0 END AS age,
           ';' || coalesce(p.flags, '') || ';' AS flags
    FROM people p JOIN family f USING (family_id);

CREATE VIEW rec AS
    SELECT family_id, person_id, type, detail, "date" AS d,
           CASE WHEN type = 'attendance' THEN coalesce(end_date, DATE '9999-12-31')
                ELSE coalesce(end_date, "date") END AS e,
           value, total
    FROM records
    WHERE type IN ('offence', 'out_of_court_disposal', 'attendance', 'police_callout', 'improvement_noted');
