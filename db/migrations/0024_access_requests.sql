CREATE TABLE `access_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`settled_by` text,
	`settled_at` integer,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`settled_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `access_requests_case` ON `access_requests` (`case_id`,`requested_at`);--> statement-breakpoint
ALTER TABLE `networks` ADD `keep_case_years` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `content_purged_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `restricted_at` integer;