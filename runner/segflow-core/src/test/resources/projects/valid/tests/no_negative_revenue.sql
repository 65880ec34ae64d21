select * from {{ ref('customer_orders') }} where revenue < -1000000
