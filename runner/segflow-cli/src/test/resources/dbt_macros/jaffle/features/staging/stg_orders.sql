select
    id as order_id,
    user_id as customer_id,
    cast(order_date as date) as order_date,
    {{ assert_known_status('status') }} as status,
    {{ dbt.date_trunc('month', 'order_date') }} as order_month
from {{ ref('raw_orders') }}
