select order_id, customer_id, amount, order_date, status
from {{ source('raw', 'orders') }}
