-- Up Migration
-- Presentation mode (issue #11): while a session presents (the map on a hall's projector), the server answers it as
-- it answers the projector's `viewer` role, whatever the account's own role: no personal data, no free text, counts
-- of people under the disclosure control. The flag belongs to the session, so every request of that browser is
-- answered that way until the presenter leaves the mode.
ALTER TABLE session ADD COLUMN presenting boolean NOT NULL DEFAULT false;

-- Down Migration
ALTER TABLE session DROP COLUMN presenting;
