select order_id
from {{ source('raw', 'order') }}
