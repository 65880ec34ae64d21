-- Singular test: returns the rows that are wrong.
select * from {{ ref('customer_orders') }} where orders_count < 0
