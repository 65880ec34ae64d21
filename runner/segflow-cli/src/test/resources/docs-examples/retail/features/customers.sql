select distinct customer_id from {{ source('retail', 'invoices') }}
