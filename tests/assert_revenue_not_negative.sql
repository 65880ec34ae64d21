-- Singular test: any row returned is a failure.
select customer_id, total_revenue
from {{ ref('customer_orders') }}
where total_revenue < 0
