WITH spend AS (SELECT o.customer_id, i.category, SUM(i.quantity * i.unit_price) AS category_spend
    FROM raw.order_items AS i
      INNER JOIN analytics.stg_orders AS o ON o.order_id = i.order_id
    WHERE o.status = 'completed'
    GROUP BY o.customer_id, i.category) SELECT customer_id, category AS top_category, category_spend AS top_category_spend, category_spend / (SUM(category_spend) OVER (PARTITION BY customer_id)) AS top_category_share
    FROM spend
    WHERE TRUE
    QUALIFY (ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY category_spend DESC, category)) = 1
