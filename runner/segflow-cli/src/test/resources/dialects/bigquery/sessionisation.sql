WITH ordered AS (SELECT customer_id, event_ts, event_type, LAG(event_ts) OVER (PARTITION BY customer_id ORDER BY event_ts, event_id) AS previous_ts
    FROM raw.events
    WHERE event_ts >= TIMESTAMP_SUB(TIMESTAMP '2024-12-31 00:00:00', INTERVAL 14 DAY)), flagged AS (SELECT customer_id, event_ts, event_type, CASE WHEN previous_ts IS NULL OR event_ts > TIMESTAMP_ADD(previous_ts, INTERVAL 30 MINUTE) THEN 1 ELSE 0 END AS new_session
    FROM ordered), numbered AS (SELECT customer_id, event_ts, event_type, SUM(new_session) OVER (PARTITION BY customer_id ORDER BY event_ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_no
    FROM flagged) SELECT customer_id, session_no, MIN(event_ts) AS session_start, MAX(event_ts) AS session_end, DATETIME_DIFF(DATETIME(MAX(event_ts)), DATETIME(MIN(event_ts)), MINUTE) AS duration_minutes, COUNT(*) AS events
    FROM numbered
    GROUP BY customer_id, session_no
ORDER BY customer_id, session_no
