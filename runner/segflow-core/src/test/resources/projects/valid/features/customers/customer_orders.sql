select
    customer_id,
    count(distinct invoice) as orders,
    sum(quantity * price) as revenue,
    max(invoice_date) as last_order_at
from {{ source('retail', 'invoices') }}
where customer_id is not null
group by customer_id
