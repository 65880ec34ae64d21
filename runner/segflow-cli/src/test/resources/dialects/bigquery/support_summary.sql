SELECT customer_id, COUNT(*) AS tickets, AVG(DATETIME_DIFF(DATETIME(resolved_ts), DATETIME(created_ts), HOUR)) AS avg_resolution_hours, APPROX_QUANTILES(csat, 2)[OFFSET(1)] AS median_csat, LOGICAL_OR(priority = 'high') AS had_high_priority, MAX(created_ts) AS last_ticket_ts, SUM(CASE WHEN created_ts >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 3650 DAY) THEN 1 ELSE 0 END) AS tickets_last_10y
FROM raw.support_tickets
WHERE created_ts < TIMESTAMP '2025-01-01 00:00:00'
GROUP BY customer_id
ORDER BY customer_id
