select customer_id, order_id + status as broken
from {{ source('raw', 'orders') }}
