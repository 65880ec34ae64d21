SELECT t.customer_id AS entity_id, CAST(t.orders_count AS DOUBLE) AS orders_count, CAST(t.total_revenue AS DOUBLE) AS total_revenue, CAST(t.days_since_last_order AS DOUBLE) AS days_since_last_order, CAST(t.sessions_90d AS DOUBLE) AS sessions_90d, CAST(t.tickets AS DOUBLE) AS tickets
FROM analytics.customer_features AS t
