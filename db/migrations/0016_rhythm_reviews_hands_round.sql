CREATE TABLE `action_reviews` (
	`meeting_id` text NOT NULL,
	`task_id` text NOT NULL,
	`outcome` text NOT NULL,
	`reviewed_by` text NOT NULL,
	`reviewed_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`meeting_id`, `task_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `raised_hands` (
	`meeting_id` text NOT NULL,
	`person_id` text NOT NULL,
	`raised_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`meeting_id`, `person_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `meetings` ADD `round` text;