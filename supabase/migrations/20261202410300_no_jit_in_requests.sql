-- Why: at national size (issue 17; tests/bench/national.bench.ts at 1 000 000 ideas on a quiet
-- machine) PostgreSQL compiled several request-time statements with LLVM before running them: the
-- planner's cost passed jit_above_cost (100 000) – for the similar ideas because every query word
-- carries the estimated cost of a count it never runs – and the compilation cost more than the
-- query. EXPLAIN ANALYZE showed JIT taking 390 of 430 ms of api.find_similar_ideas and 196 ms of the
-- overview. JIT pays off for long analytical queries, not for requests that answer in
-- milliseconds, so the functions a request runs turn it off for their own statements.
--
-- A function's SET clauses are replaced by `create or replace`: a later migration that redefines one
-- of these must keep `set jit = off`.

alter function private.rank_similar_ideas(text, text, boolean, uuid, integer) set jit = off;
alter function private.review_overview() set jit = off;
alter function private.get_public_statistics() set jit = off;
alter function private.review_queue(text, text, text, boolean, boolean, boolean, text, text, timestamptz, uuid, integer)
  set jit = off;
alter function private.count_idea_export(jsonb) set jit = off;
alter function private.idea_export_rows(jsonb, boolean, timestamptz, uuid, integer) set jit = off;
alter function api.get_review_idea(text) set jit = off;
alter function api.list_follow_ups(integer) set jit = off;
alter function api.list_published_ideas(timestamptz, text, integer) set jit = off;
