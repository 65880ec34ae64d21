select customer_id
from {{ ref('custmers') }}
where revenue > 100
