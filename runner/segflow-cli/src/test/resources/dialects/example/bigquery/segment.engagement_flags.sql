SELECT t.customer_id AS entity_id, CAST('browser' AS STRING) AS segment, CAST(NULL AS FLOAT64) AS score, CAST('{"rule":"browser","index":1,"when":"sessions_90d >= 5"}' AS STRING) AS explanation
FROM analytics.customer_features AS t
WHERE COALESCE(sessions_90d >= 5, FALSE)
UNION ALL
SELECT t.customer_id AS entity_id, CAST('cart_abandoner' AS STRING) AS segment, CAST(NULL AS FLOAT64) AS score, CAST('{"rule":"cart_abandoner","index":2,"when":"cart_abandon_rate > 0.5"}' AS STRING) AS explanation
FROM analytics.customer_features AS t
WHERE COALESCE(cart_abandon_rate > 0.5, FALSE)
UNION ALL
SELECT t.customer_id AS entity_id, CAST('support_heavy' AS STRING) AS segment, CAST(NULL AS FLOAT64) AS score, CAST('{"rule":"support_heavy","index":3,"when":"tickets >= 3"}' AS STRING) AS explanation
FROM analytics.customer_features AS t
WHERE COALESCE(tickets >= 3, FALSE)
