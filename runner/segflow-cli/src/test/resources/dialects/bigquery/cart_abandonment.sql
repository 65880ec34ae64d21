WITH carts AS (SELECT customer_id, session_id, TIMESTAMP_TRUNC(MIN(event_ts), ISOWEEK) AS week_start, COUNT(CASE WHEN event_type = 'add_to_cart' THEN 1 ELSE NULL END) AS cart_adds, COUNTIF(event_type = 'purchase') AS purchases
    FROM raw.events
    WHERE event_ts >= TIMESTAMP '2024-10-01 00:00:00'
    GROUP BY customer_id, session_id) SELECT customer_id, week_start, SUM(cart_adds) AS total_cart_adds, COUNT(CASE WHEN cart_adds > 0 AND purchases = 0 THEN 1 ELSE NULL END) AS abandoned_sessions, CASE WHEN SUM(cart_adds) = 0 THEN NULL ELSE CAST(COUNT(CASE WHEN cart_adds > 0 AND purchases = 0 THEN 1 ELSE NULL END) AS FLOAT64) / COUNT(*) END AS abandon_rate
    FROM carts
    GROUP BY customer_id, week_start
    HAVING SUM(cart_adds) > 0
ORDER BY customer_id, week_start
