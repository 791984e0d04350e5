-- A change row may name a range of camera ids instead of one camera: an import batch's new
-- registrations have time-ordered ids, and one row from the smallest (camera_id) to the largest
-- (last_camera_id) covers them all; each node rereads that range. NULL: the row names one camera.
ALTER TABLE registry.camera_change ADD COLUMN last_camera_id UUID;
