SELECT c.customer_id, COUNT(o.order_id) AS orders_count, COUNT(CASE WHEN o.status = 'returned' THEN 1 ELSE NULL END) AS returned_orders, MIN(o.order_date) AS first_order_date, MAX(o.order_date) AS last_order_date, COALESCE(SUM(CASE WHEN o.status = 'completed' THEN o.net_amount ELSE NULL END), 0) AS total_revenue, AVG(CASE WHEN o.status = 'completed' THEN o.net_amount ELSE NULL END) AS avg_order_value, DATEDIFF(DAY, CAST(MAX(o.order_date) AS DATE), DATE '2024-12-31') AS days_since_last_order, DATEDIFF(DAY, CAST(MIN(o.order_date) AS DATE), DATE '2024-12-31') AS days_since_first_order
FROM raw.customers AS c
  LEFT JOIN analytics.stg_orders AS o ON o.customer_id = c.customer_id
GROUP BY c.customer_id
