select count(distinct "customer_id") from "analytics"."customer_features"
