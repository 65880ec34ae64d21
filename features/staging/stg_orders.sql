-- Orders that were not cancelled, with net revenue and the order date.
select
    o.order_id,
    o.customer_id,
    o.order_ts,
    cast(o.order_ts as date) as order_date,
    o.status,
    o.channel,
    o.items,
    {{ net_amount('o.gross_amount', 'o.discount_amount') }} as net_amount
from {{ source('raw', 'orders') }} as o
where o.status <> 'cancelled'
  and cast(o.order_ts as date) <= {{ as_of() }}
