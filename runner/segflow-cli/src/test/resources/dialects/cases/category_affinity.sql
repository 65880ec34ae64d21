-- Favourite category per customer by spend, with its share; ties broken alphabetically.
with spend as (
    select o.customer_id, i.category, sum(i.quantity * i.unit_price) as category_spend, count(*) as lines
    from raw.order_items as i
    join raw.orders as o on o.order_id = i.order_id
    where o.status = 'completed'
    group by o.customer_id, i.category
)
select
    customer_id,
    upper(category) as top_category,
    category_spend,
    round(category_spend / sum(category_spend) over (partition by customer_id), 4) as share,
    rank() over (partition by customer_id order by lines desc, category) as lines_rank
from spend
qualify row_number() over (partition by customer_id order by category_spend desc, category) = 1
order by customer_id
