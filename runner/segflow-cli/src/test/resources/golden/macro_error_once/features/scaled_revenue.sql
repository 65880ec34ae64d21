select customer_id, {{ scaled('revenue') }} as scaled_revenue
from {{ ref('customers') }}
