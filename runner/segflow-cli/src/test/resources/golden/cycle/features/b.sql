select customer_id from {{ ref('a') }}
