select customer_id, count(*) as orders from {{ source('retail', 'invoices') }} group by customer_id
