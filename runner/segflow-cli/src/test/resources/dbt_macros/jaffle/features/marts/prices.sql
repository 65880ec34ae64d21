select product, cast(valid_from as date) as valid_from, cast(valid_to as date) as valid_to, price
from {{ ref('raw_prices') }}
