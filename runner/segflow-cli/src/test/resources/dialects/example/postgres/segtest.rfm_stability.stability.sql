select "agreement", "transitions" from "segments"."segflow_runs" where "segmentation" = 'rfm' and "status" in ('success', 'forced') order by "started_at" desc limit 1
