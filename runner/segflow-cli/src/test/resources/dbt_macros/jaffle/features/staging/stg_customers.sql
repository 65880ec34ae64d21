select
    id as customer_id,
    first_name,
    last_name,
    {{ dbt_utils.generate_surrogate_key(['id', 'first_name']) }} as customer_key
from {{ ref('raw_customers') }}
