-- Delivery's indicators for what happened before they were counted, as facts the roll-up sums like any other
-- (days in Asia/Shanghai, as the services count them): orders placed and cancelled; deliveries, with their
-- books and the time from order to door, and parcels returned to the library, on the day the courier reported
-- them; transfers requested and dispatched at the sending library, received at the receiving one with their
-- transit time. Only into a database that has counted nothing yet.
WITH delivered AS (
    SELECT s.source_library, e.status, e.occurred_at, o.placed_at,
           (SELECT count(*) FROM shipment_item i WHERE i.shipment_id = s.id) AS items
    FROM tracking_event e JOIN shipment s ON s.id = e.shipment_id JOIN delivery_order o ON o.id = s.order_id
    WHERE e.applied AND e.status IN ('DELIVERED', 'RETURNED_TO_LIBRARY'))
INSERT INTO indicator_fact (library_code, counterpart, metric, day, bucket, value)
SELECT library_code, '', metric, day, bucket, value FROM (
    SELECT library_code, 'deliveryOrders.placed' AS metric, (placed_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
           -1 AS bucket, count(*) AS value
    FROM delivery_order GROUP BY 1, 3
    UNION ALL
    SELECT library_code, 'deliveryOrders.cancelled', (status_since AT TIME ZONE 'Asia/Shanghai')::date, -1, count(*)
    FROM delivery_order WHERE status = 'CANCELLED' GROUP BY 1, 3
    UNION ALL
    SELECT source_library, CASE status WHEN 'DELIVERED' THEN 'deliveries' ELSE 'deliveries.returnedToLibrary' END,
           (occurred_at AT TIME ZONE 'Asia/Shanghai')::date, -1, count(*)
    FROM delivered GROUP BY 1, 2, 3
    UNION ALL
    SELECT source_library, 'deliveries.items', (occurred_at AT TIME ZONE 'Asia/Shanghai')::date, -1, sum(items)
    FROM delivered WHERE status = 'DELIVERED' GROUP BY 1, 3
    UNION ALL
    SELECT source_library, 'deliveries.orderToDoor', (occurred_at AT TIME ZONE 'Asia/Shanghai')::date,
           least(300, floor(ln(1 + greatest(0, extract(epoch FROM occurred_at - placed_at))) / ln(1.1)))::int,
           count(*)
    FROM delivered WHERE status = 'DELIVERED' GROUP BY 1, 3, 4
    UNION ALL
    SELECT from_library, 'transfers.requested', (requested_at AT TIME ZONE 'Asia/Shanghai')::date, -1, count(*)
    FROM transfer WHERE from_library IS NOT NULL GROUP BY 1, 3
    UNION ALL
    SELECT from_library, 'transfers.dispatched', (dispatched_at AT TIME ZONE 'Asia/Shanghai')::date, -1, count(*)
    FROM transfer WHERE from_library IS NOT NULL AND dispatched_at IS NOT NULL GROUP BY 1, 3
    UNION ALL
    SELECT coalesce(to_library, from_library), 'transfers.received', (closed_at AT TIME ZONE 'Asia/Shanghai')::date,
           -1, count(*)
    FROM transfer WHERE status = 'RECEIVED' AND coalesce(to_library, from_library) IS NOT NULL GROUP BY 1, 3
    UNION ALL
    SELECT coalesce(to_library, from_library), 'transfers.transitTime',
           (closed_at AT TIME ZONE 'Asia/Shanghai')::date, least(300, floor(ln(1 + greatest(0, extract(epoch FROM
           closed_at - coalesce(dispatched_at, requested_at)))) / ln(1.1)))::int, count(*)
    FROM transfer WHERE status = 'RECEIVED' AND coalesce(to_library, from_library) IS NOT NULL GROUP BY 1, 3, 4
) existing
WHERE NOT EXISTS (SELECT 1 FROM indicator_daily) AND NOT EXISTS (SELECT 1 FROM indicator_fact);
