select customer_id, datediff('day', last_order_at, date '{{ var("start_date") }}') as recency, orders as frequency, revenue as monetary
from {{ ref('customer_orders') }}
