-- RFM: recency, frequency and monetary value scored 1-5 with NTILE over completed orders.
with per_customer as (
    select
        o.customer_id,
        date_diff('day', max(cast(o.order_ts as date)), date '2024-12-31') as recency_days,
        count(*) as frequency,
        sum(o.gross_amount - coalesce(o.discount_amount, 0)) as monetary
    from raw.orders as o
    where o.status = 'completed'
      and o.order_ts < timestamp '2025-01-01 00:00:00'
    group by o.customer_id
)
select
    customer_id,
    recency_days,
    frequency,
    monetary,
    ntile(5) over (order by recency_days desc, customer_id) as r_score,
    ntile(5) over (order by frequency, customer_id) as f_score,
    ntile(5) over (order by monetary, customer_id) as m_score
from per_customer
order by customer_id
