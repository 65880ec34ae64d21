select "segment", count(*) from "segments"."engagement_flags_members" group by "segment"
