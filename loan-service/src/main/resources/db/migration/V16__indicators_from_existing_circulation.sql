-- Circulation's indicators for what happened before they were counted, as facts the roll-up sums like any
-- other (days in Asia/Shanghai, as the services count them): readers registered; loans at the lending desk's
-- library with the copy's owner, and who borrowed each month; returns at the returning desk's library, late
-- ones too; title-level holds placed, filled (with the time to fill), expired and cancelled. Fines accrued and
-- renewals are not in the tables day by day, so they count from now on. Only into a database that has counted
-- nothing yet.
WITH lent AS (
    SELECT l.patron_id, l.loaned_at, l.due_at, l.returned_at, s.library_code AS lender, r.library_code AS taker,
           coalesce(c.library_code, '') AS owner
    FROM loan l JOIN service_point s ON s.code = l.checkout_service_point
    LEFT JOIN service_point r ON r.code = l.return_service_point
    LEFT JOIN circulation_copy c ON c.copy_id = l.copy_id),
holds AS (
    SELECT h.status, h.requested_at, h.closed_at, s.library_code
    FROM hold h JOIN service_point s ON s.code = h.pickup_service_point WHERE h.delivery_order_id IS NULL)
INSERT INTO indicator_fact (library_code, counterpart, metric, day, bucket, value, member)
SELECT library_code, counterpart, metric, day, bucket, value, member FROM (
    SELECT home_library AS library_code, '' AS counterpart, 'patrons.registered' AS metric,
           (created_at AT TIME ZONE 'Asia/Shanghai')::date AS day, -1 AS bucket, count(*) AS value,
           NULL::uuid AS member
    FROM patron GROUP BY 1, 4
    UNION ALL
    SELECT home_library, '', 'patrons', (created_at AT TIME ZONE 'Asia/Shanghai')::date, -2, count(*), NULL
    FROM patron GROUP BY 1, 4
    UNION ALL
    SELECT lender, owner, 'loans', (loaned_at AT TIME ZONE 'Asia/Shanghai')::date, -1, count(*), NULL
    FROM lent GROUP BY 1, 2, 4
    UNION ALL
    SELECT lender, '', 'patrons.active', min((loaned_at AT TIME ZONE 'Asia/Shanghai')::date), -3, 0, patron_id
    FROM lent GROUP BY lender, patron_id, date_trunc('month', loaned_at AT TIME ZONE 'Asia/Shanghai')
    UNION ALL
    SELECT taker, owner, 'returns', (returned_at AT TIME ZONE 'Asia/Shanghai')::date, -1, count(*), NULL
    FROM lent WHERE taker IS NOT NULL AND returned_at IS NOT NULL GROUP BY 1, 2, 4
    UNION ALL
    SELECT taker, '', 'returns.late', (returned_at AT TIME ZONE 'Asia/Shanghai')::date, -1, count(*), NULL
    FROM lent WHERE taker IS NOT NULL AND returned_at > due_at GROUP BY 1, 4
    UNION ALL
    SELECT library_code, '', 'holds.placed', (requested_at AT TIME ZONE 'Asia/Shanghai')::date, -1, count(*), NULL
    FROM holds GROUP BY 1, 4
    UNION ALL
    SELECT library_code, '', CASE status WHEN 'CLOSED_FILLED' THEN 'holds.filled' WHEN 'CLOSED_PICKUP_EXPIRED'
           THEN 'holds.expired' ELSE 'holds.cancelled' END, (closed_at AT TIME ZONE 'Asia/Shanghai')::date, -1,
           count(*), NULL
    FROM holds WHERE status IN ('CLOSED_FILLED', 'CLOSED_PICKUP_EXPIRED', 'CLOSED_CANCELLED') AND closed_at IS NOT NULL
    GROUP BY 1, 3, 4
    UNION ALL
    SELECT library_code, '', 'holds.timeToFill', (closed_at AT TIME ZONE 'Asia/Shanghai')::date,
           least(300, floor(ln(1 + greatest(0, extract(epoch FROM closed_at - requested_at))) / ln(1.1)))::int,
           count(*), NULL
    FROM holds WHERE status = 'CLOSED_FILLED' AND closed_at IS NOT NULL GROUP BY 1, 4, 5
) existing
WHERE NOT EXISTS (SELECT 1 FROM indicator_daily) AND NOT EXISTS (SELECT 1 FROM indicator_fact);
