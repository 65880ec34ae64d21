select count(*) from (select distinct "customer_id" as k from "analytics"."stg_orders") p where p.k is not null and not exists (select 1 from "segments"."rfm_members" m where m."entity_id" = p.k)
