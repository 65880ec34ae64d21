select customer_id, orders
from {{ ref('customers') }}
where orders > {{ var('min_orders') }}
