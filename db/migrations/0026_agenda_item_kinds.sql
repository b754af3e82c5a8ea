-- Agenda item titles were stored in English; now an item stores its kind and the reader's
-- screen renders the title from it and the case code (issue 15). The default only fills the
-- rows already there; the statements below give each its kind and keep a typed title alone.
ALTER TABLE `agenda_items` ADD `kind` text DEFAULT 'own' NOT NULL;--> statement-breakpoint
UPDATE `agenda_items` SET `kind` = 'opening', `title` = '' WHERE `reason` = 'opening';--> statement-breakpoint
UPDATE `agenda_items` SET `kind` = 'aob', `title` = '' WHERE `reason` = 'aob' OR (`section` = 'aob' AND `title` = 'Any other business and the date of the next meeting');--> statement-breakpoint
UPDATE `agenda_items` SET `kind` = 'open_tasks', `title` = '' WHERE `reason` = 'open_tasks_last_meeting' OR (`reason` = 'deferred' AND `title` = 'Open actions from the last meeting');--> statement-breakpoint
UPDATE `agenda_items` SET `kind` = CASE
    WHEN `title` = 'Signal ' || c.`code` THEN 'signal'
    WHEN `title` = 'Source check ' || c.`code` THEN 'source_check'
    WHEN `title` = 'Check-in ' || c.`code` THEN 'check_in'
    WHEN `title` = 'Closure proposal ' || c.`code` THEN 'closure_proposal'
    WHEN `title` = 'Decided between meetings ' || c.`code` THEN 'decided_between_meetings'
  END, `title` = ''
  FROM `cases` c
  WHERE c.`id` = `agenda_items`.`case_id` AND `agenda_items`.`reason` <> 'added' AND `agenda_items`.`title` IN (
    'Signal ' || c.`code`, 'Source check ' || c.`code`, 'Check-in ' || c.`code`,
    'Closure proposal ' || c.`code`, 'Decided between meetings ' || c.`code`);
