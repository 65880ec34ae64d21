select customer_id,
       {{ var('bonus', 1) as bonus
from {{ ref('customers') }}
