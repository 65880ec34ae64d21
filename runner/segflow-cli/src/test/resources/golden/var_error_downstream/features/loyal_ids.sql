select customer_id from {{ ref('loyal') }}
