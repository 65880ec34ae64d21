select customer_id, revenu
from {{ ref('customers') }}
