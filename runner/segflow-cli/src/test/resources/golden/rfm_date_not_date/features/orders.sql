select customer_id, status, amount
from {{ source('raw', 'orders') }}
