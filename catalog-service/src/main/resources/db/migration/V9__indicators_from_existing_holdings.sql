-- The catalog's indicators for what it held before they were counted, as facts the roll-up sums like any other
-- (days in Asia/Shanghai, as the services count them): copies added and held from the day they joined the
-- collection (registered, or for a bookstore purchase the day loan-service confirmed it), withdrawn on the day
-- they last changed; titles held from the day of a library's first active copy of them; records from the day
-- they were catalogued. Only into a database that has counted nothing yet.
WITH joined AS (
    SELECT c.library_code, c.record_id, c.status, (coalesce(a.decided_at, c.created_at) AT TIME ZONE
           'Asia/Shanghai')::date AS joined_on, (c.updated_at AT TIME ZONE 'Asia/Shanghai')::date AS changed_on
    FROM copy c LEFT JOIN acquisition a ON a.copy_id = c.id
    WHERE c.status <> 'PROVISIONAL' AND (a.status IS NULL OR a.status = 'CONFIRMED'))
INSERT INTO indicator_fact (library_code, counterpart, metric, day, bucket, value)
SELECT library_code, '', metric, day, bucket, value FROM (
    SELECT library_code, 'copies.added' AS metric, joined_on AS day, -1 AS bucket, count(*) AS value
    FROM joined GROUP BY 1, 3
    UNION ALL
    SELECT library_code, 'holdings.copies', joined_on, -2, count(*) FROM joined GROUP BY 1, 3
    UNION ALL
    SELECT library_code, 'copies.withdrawn', changed_on, -1, count(*) FROM joined WHERE status = 'WITHDRAWN'
    GROUP BY 1, 3
    UNION ALL
    SELECT library_code, 'holdings.copies', changed_on, -2, -count(*) FROM joined WHERE status = 'WITHDRAWN'
    GROUP BY 1, 3
    UNION ALL
    SELECT library_code, 'holdings.titles', first_day, -2, count(*) FROM (
        SELECT library_code, record_id, min(joined_on) AS first_day FROM joined WHERE status = 'ACTIVE'
        GROUP BY 1, 2) titles GROUP BY 1, 3
    UNION ALL
    SELECT cataloguing_library, 'records.catalogued', (created_at AT TIME ZONE 'Asia/Shanghai')::date, -1, count(*)
    FROM bib_record WHERE cataloguing_library IS NOT NULL GROUP BY 1, 3
    UNION ALL
    SELECT cataloguing_library, 'records', (created_at AT TIME ZONE 'Asia/Shanghai')::date, -2, count(*)
    FROM bib_record WHERE cataloguing_library IS NOT NULL GROUP BY 1, 3
) existing
WHERE NOT EXISTS (SELECT 1 FROM indicator_daily) AND NOT EXISTS (SELECT 1 FROM indicator_fact);
