select customer_id,
       dateadd(month, 1, current_date) as next_review
from {{ ref('customers') }}
