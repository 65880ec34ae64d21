with deduplicated as (
    {{ dbt_utils.deduplicate(ref('raw_payments'), partition_by='id', order_by='order_id') }}
)
select
    id as payment_id,
    order_id,
    payment_method,
    {{ jaffle_utils.cents_to_dollars('amount') }} as amount
from deduplicated
