-- Archived minutes were stored by absolute path (`<ARCHIVE_DIR>/<network>/<meeting>/<file>`);
-- they are stored relative to ARCHIVE_DIR, so a restored instance finds them. The file
-- name is what follows the last "/".
UPDATE `minutes_versions`
SET `pdf_path` = (SELECT `network_id` FROM `meetings` WHERE `meetings`.`id` = `minutes_versions`.`meeting_id`)
  || '/' || `meeting_id` || '/'
  || substr(`pdf_path`, length(rtrim(`pdf_path`, replace(`pdf_path`, '/', ''))) + 1)
WHERE `pdf_path` LIKE '/%';
