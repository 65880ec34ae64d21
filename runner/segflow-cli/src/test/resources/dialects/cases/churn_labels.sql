-- Churn label: customers who bought in the observation window but not in the 90 days after it.
with observed as (
    select customer_id, max(cast(order_ts as date)) as last_order_date
    from raw.orders
    where status = 'completed' and cast(order_ts as date) <= date '2024-09-30'
    group by customer_id
),
future as (
    select distinct customer_id
    from raw.orders
    where status = 'completed'
      and cast(order_ts as date) > date '2024-09-30'
      and cast(order_ts as date) <= date '2024-09-30' + interval '90' day
)
select
    c.customer_id,
    c.country,
    o.last_order_date,
    date_diff('day', o.last_order_date, date '2024-09-30') as days_inactive,
    case when f.customer_id is null then 1 else 0 end as churned,
    extract(year from c.signup_date) as signup_year,
    date_trunc('month', c.signup_date) as signup_month
from raw.customers as c
join observed as o on o.customer_id = c.customer_id
left join future as f on f.customer_id = c.customer_id
where c.signup_date < date '2024-09-30' - interval '6' month
order by c.customer_id
