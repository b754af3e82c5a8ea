CREATE TABLE `agency_update_tasks` (
	`update_id` text NOT NULL,
	`task_id` text NOT NULL,
	`what` text NOT NULL,
	`progress` text NOT NULL,
	`note` text,
	PRIMARY KEY(`update_id`, `task_id`),
	FOREIGN KEY (`update_id`) REFERENCES `agency_updates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agency_updates` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text NOT NULL,
	`case_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`news` text,
	`closure_view` text,
	`closure_comment` text,
	`posted_by` text NOT NULL,
	`posted_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`confirmed_by` text,
	`confirmed_at` integer,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`posted_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agency_updates_item_agency` ON `agency_updates` (`item_id`,`agency_id`);--> statement-breakpoint
CREATE INDEX `agency_updates_meeting` ON `agency_updates` (`meeting_id`);--> statement-breakpoint
ALTER TABLE `networks` ADD `update_reminder_days` integer DEFAULT 3 NOT NULL;