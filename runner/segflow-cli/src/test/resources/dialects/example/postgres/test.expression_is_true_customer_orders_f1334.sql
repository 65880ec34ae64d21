SELECT *
FROM "analytics"."customer_orders"
WHERE NOT "returned_orders" <= "orders_count"
