-- The batched engine's storage: a command's delivery state and payload live in the small queue table while
-- it is pending, so claims, nacks and lease lapses never touch the partitioned history. The history row is
-- written twice in a command's life: at the send (status 'queued') and once when it finishes (acked, failed,
-- expired or cancelled), carrying the attempts, delivery time and error it had in the queue. Reads of a
-- pending command's live state join pending_command (CommandRecord.COLUMNS).
ALTER TABLE pending_command
    ADD COLUMN data         jsonb,
    ADD COLUMN delivered_at timestamptz,
    ADD COLUMN error        text;

UPDATE pending_command p
SET data = c.data, delivered_at = c.delivered_at, error = c.error
FROM command c
WHERE c.id = p.id AND c.created_at = p.created_at;

ALTER TABLE pending_command ALTER COLUMN data SET NOT NULL;

-- The depth in force at the last send, and how many commands that send admitted: the batched send reads
-- them back (RETURNING) to admit exactly that many of each queue's commands in the batch, in send order.
ALTER TABLE device_queue
    ADD COLUMN depth    integer NOT NULL DEFAULT 0,
    ADD COLUMN admitted integer NOT NULL DEFAULT 0;

-- (device_id, name, created_at, seq) serves every lookup by device alone too: one index fewer per send.
DROP INDEX command_device_idx;
