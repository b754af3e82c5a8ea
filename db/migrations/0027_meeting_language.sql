-- The network's language at scheduling is recorded with the meeting (issue 15 rule 4). The
-- meetings already there take their network's language now: the nearest to what it was then.
ALTER TABLE `meetings` ADD `language` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
UPDATE `meetings` SET `language` = (SELECT `language` FROM `networks` WHERE `networks`.`id` = `meetings`.`network_id`) WHERE EXISTS (SELECT 1 FROM `networks` WHERE `networks`.`id` = `meetings`.`network_id`);
