-- Identifier quoting and case: quoted names with spaces or reserved words, mixed-case unquoted names.
select
    o.customer_id as CustomerKey,
    o.status as "order",
    count(*) as "Order Count",
    sum(o.items) as total_items
from raw.orders as o
where o.channel is not null
group by o.customer_id, o.status
order by CustomerKey, "order"
