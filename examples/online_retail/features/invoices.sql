{{ config(materialized='table') }}
-- One row per invoice of an identified customer; cancellations (InvoiceNo 'C...') and returns are left out.
select
    CustomerID as customer_id,
    InvoiceNo as invoice_no,
    cast(min(InvoiceDate) as date) as invoice_date,
    sum(Quantity * UnitPrice) as amount
from {{ ref('online_retail') }}
where CustomerID is not null
  and InvoiceNo not like 'C%'
  and Quantity > 0
group by CustomerID, InvoiceNo
