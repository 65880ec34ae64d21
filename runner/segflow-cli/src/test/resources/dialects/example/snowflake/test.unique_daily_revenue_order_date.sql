SELECT order_date, COUNT(*) AS n_records
FROM analytics.daily_revenue
WHERE order_date IS NOT NULL
GROUP BY order_date
HAVING COUNT(*) > 1
