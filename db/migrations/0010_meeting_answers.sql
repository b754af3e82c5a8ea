CREATE TABLE `meeting_answers` (
	`meeting_id` text NOT NULL,
	`person_id` text NOT NULL,
	`answer` text NOT NULL,
	`delegate_name` text,
	`answered_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`meeting_id`, `person_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `meetings` ADD `invitation_sequence` integer DEFAULT 0 NOT NULL;