-- A history row is updated once, when its command finishes. Room in each page lets that update stay on the page
-- (a HOT update, with no new index entries). New day partitions are created WITH (fillfactor = 50)
-- (RetentionRepository); this sets the same on those that exist (it applies to pages written from now on).
DO
$$
    DECLARE
        partition regclass;
    BEGIN
        FOR partition IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'command'::regclass
            LOOP
                EXECUTE format('ALTER TABLE %s SET (fillfactor = 50)', partition);
            END LOOP;
    END
$$;
