select customer_id, count(*) as orders, sum(amount) as revenue
from {{ source('raw', 'orders') }}
group by customer_id
