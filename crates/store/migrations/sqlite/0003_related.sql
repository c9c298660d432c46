-- A record page shows each kind of tie with its count and first few records (Store::related).
-- With the type and the other end in the index, counting a place's 40,000 births and reading
-- the first two dozen never touch the relations table itself.
DROP INDEX relations_to;
CREATE INDEX relations_to ON relations (to_id, rtype, from_id);
