select count(*) from (select distinct customer_id as k from analytics.customer_features) p where p.k is not null and not exists (select 1 from segments.lifecycle_members m where m.entity_id = p.k)
