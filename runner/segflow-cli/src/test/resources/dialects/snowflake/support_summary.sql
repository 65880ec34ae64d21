SELECT customer_id, COUNT(*) AS tickets, AVG(DATEDIFF(HOUR, created_ts, resolved_ts)) AS avg_resolution_hours, median(csat) AS median_csat, BOOLOR_AGG(priority = 'high') AS had_high_priority, MAX(created_ts) AS last_ticket_ts, SUM(CASE WHEN created_ts >= DATEADD(DAY, -3650, CURRENT_TIMESTAMP) THEN 1 ELSE 0 END) AS tickets_last_10y
FROM raw.support_tickets
WHERE created_ts < TIMESTAMP '2025-01-01 00:00:00'
GROUP BY customer_id
ORDER BY customer_id
