select 3 as customer_id
