-- A record restricted to working groups names groups that exist (issue #15): a restriction to a
-- group id nobody has yet was opened to whichever group later got that id. The id is now a
-- foreign key to working_groups, and groups are never deleted while a record names them.
--
-- Rows naming a group that does not exist are dropped: such a record stays restricted to groups
-- (its `reach`), with no group's members among its readers, so only administrators see it until
-- its restriction is corrected; the studio then refuses to save it naming the missing group.

CREATE TABLE record_groups_checked (
    record_id   INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    group_id    INTEGER NOT NULL REFERENCES working_groups (id),
    PRIMARY KEY (record_id, group_id)
) STRICT, WITHOUT ROWID;

INSERT INTO record_groups_checked (record_id, group_id)
SELECT record_id, group_id FROM record_groups
WHERE group_id IN (SELECT id FROM working_groups);

DROP TABLE record_groups;
ALTER TABLE record_groups_checked RENAME TO record_groups;
