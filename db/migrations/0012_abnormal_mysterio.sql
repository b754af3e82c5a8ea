CREATE TABLE `minutes_receipts` (
	`version_id` text NOT NULL,
	`person_id` text NOT NULL,
	`first_opened_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`last_opened_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`opened` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`version_id`, `person_id`),
	FOREIGN KEY (`version_id`) REFERENCES `minutes_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `minutes_wording` (
	`item_id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`doc` text NOT NULL,
	`first_draft` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `networks` ADD `minutes_due_days` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `networks` ADD `minutes_delivery` text DEFAULT 'attach' NOT NULL;