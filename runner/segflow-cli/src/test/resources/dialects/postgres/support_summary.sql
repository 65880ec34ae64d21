SELECT "customer_id", count(*) AS "tickets", avg(CAST(EXTRACT(EPOCH FROM DATE_TRUNC('hour', CAST("resolved_ts" AS timestamp)) - DATE_TRUNC('hour', CAST("created_ts" AS timestamp))) / 3600 AS bigint)) AS "avg_resolution_hours", PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY "csat") AS "median_csat", bool_or("priority" = 'high') AS "had_high_priority", max("created_ts") AS "last_ticket_ts", sum(CASE WHEN "created_ts" >= CURRENT_TIMESTAMP - INTERVAL '3650' DAY THEN 1 ELSE 0 END) AS "tickets_last_10y"
FROM "raw"."support_tickets"
WHERE "created_ts" < TIMESTAMP '2025-01-01 00:00:00'
GROUP BY "customer_id"
ORDER BY "customer_id"
