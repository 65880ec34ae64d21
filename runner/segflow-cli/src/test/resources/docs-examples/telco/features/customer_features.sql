select * from {{ ref('telco_customers') }}
