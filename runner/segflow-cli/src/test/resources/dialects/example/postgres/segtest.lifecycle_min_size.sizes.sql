select "segment", count(*) from "segments"."lifecycle_members" group by "segment"
