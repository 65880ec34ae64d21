SELECT order_date, COUNT(*) AS orders, COUNT(DISTINCT customer_id) AS customers, SUM(net_amount) AS revenue
FROM analytics.stg_orders
WHERE status = 'completed'
GROUP BY order_date
