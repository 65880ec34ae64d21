select "agreement", "transitions" from "segments"."segflow_runs" where "segmentation" = 'lifecycle' and "status" in ('success', 'forced') order by "started_at" desc limit 1
