select customer_id, {{ scaled('orders') }} as scaled_orders
from {{ ref('customers') }}
