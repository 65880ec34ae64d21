select customer_id, {{ var('threshold') }} as t
from {{ ref('customers') }}
