SELECT t.customer_id AS entity_id, CAST(t.orders_count AS FLOAT64) AS orders_count, CAST(t.total_revenue AS FLOAT64) AS total_revenue, CAST(t.days_since_last_order AS FLOAT64) AS days_since_last_order, CAST(t.sessions_90d AS FLOAT64) AS sessions_90d, CAST(t.tickets AS FLOAT64) AS tickets
FROM analytics.customer_features AS t
