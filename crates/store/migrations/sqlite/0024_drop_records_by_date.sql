-- `records_by_date` (kind, reach, date_lo) of 0001 serves no query any more (issue #15: each
-- index of `records` is one more B-tree insert for every imported row). No query filters on
-- `date_lo`; lists by date walk `records_list_date` (0002); and the gate's `kind = ? AND reach`
-- is answered by `records_count` (0002), which has the same first columns and covers the rest
-- of the gate (age rating, embargo), so the planner chose it already.
DROP INDEX IF EXISTS records_by_date;
