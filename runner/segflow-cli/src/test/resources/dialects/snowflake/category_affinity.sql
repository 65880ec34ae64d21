WITH spend AS (SELECT o.customer_id, i.category, SUM(i.quantity * i.unit_price) AS category_spend, COUNT(*) AS lines
    FROM raw.order_items AS i
      INNER JOIN raw.orders AS o ON o.order_id = i.order_id
    WHERE o.status = 'completed'
    GROUP BY o.customer_id, i.category) SELECT customer_id, UPPER(category) AS top_category, category_spend, ROUND(category_spend / (SUM(category_spend) OVER (PARTITION BY customer_id)), 4) AS share, RANK() OVER (PARTITION BY customer_id ORDER BY lines DESC, category) AS lines_rank
    FROM spend
    QUALIFY (ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY category_spend DESC, category)) = 1
ORDER BY customer_id
