select count(*) from (select "entity_id" from "segments"."lifecycle_members" group by "entity_id" having count(*) > 1) x
