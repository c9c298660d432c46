-- Which working-group directions carry out each roadmap activity, so the council's report can
-- count per activity: comma-separated direction codes, or 'all' for the activity that is the
-- filling of the whole base. Bases seeded before this migration get the seed's links.
ALTER TABLE roadmap_activities ADD COLUMN directions TEXT NOT NULL DEFAULT '';

UPDATE roadmap_activities SET directions = 'all'
 WHERE title LIKE 'Наполнение информационной базы%';
UPDATE roadmap_activities SET directions = 'living_voices'
 WHERE title LIKE '%с ветеранами%';
UPDATE roadmap_activities SET directions = 'heroes'
 WHERE title LIKE '%с жителями%';
UPDATE roadmap_activities SET directions = 'media'
 WHERE title LIKE 'Создание медиа-плана%' OR title LIKE 'Информационное освещение%';
UPDATE roadmap_activities SET directions = 'education'
 WHERE title LIKE '%в образовательном процессе%' OR title LIKE '%ознакомительных экскурсий%';
UPDATE roadmap_activities SET directions = 'places,documents'
 WHERE title LIKE '%краеведческой конференции%';
