select customer_id, frobnicate(revenue) as x
from {{ ref('customers') }}
