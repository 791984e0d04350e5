-- A delivery can be SKIPPED: an external channel got the notification late (it arrived after the
-- fan-out, or the fan-out came long after the enqueue) and the notification was older than
-- lateDeliveryMaxAgeMinutes or no longer actionable. skip_reason says which; SKIPPED is final.
ALTER TABLE notify.delivery ADD COLUMN skip_reason VARCHAR(200);
