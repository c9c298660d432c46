-- An interview's date is the day it was recorded, so every interview was filed under the
-- period «после 1945», which says nothing about the years it speaks of
-- (letopis_core::facet, Body::period_span). Its own period rows go; writes no longer make them.
DELETE FROM record_facets
WHERE kind = 'interview' AND facet = 'period' AND via = 0;
