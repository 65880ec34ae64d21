select customer_id from {{ ref('b') }}
