CREATE TABLE `minutes_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`version_id` text NOT NULL,
	`kind` text NOT NULL,
	`recipient_person_id` text NOT NULL,
	`email` text NOT NULL,
	`mail_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`retryable` integer DEFAULT false NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`version_id`) REFERENCES `minutes_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `minutes_deliveries_version` ON `minutes_deliveries` (`version_id`);--> statement-breakpoint
CREATE TABLE `minutes_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text DEFAULT 'approved' NOT NULL,
	`model` text NOT NULL,
	`pdf_sha256` text NOT NULL,
	`pdf_path` text NOT NULL,
	`change_note` text,
	`approved_by` text NOT NULL,
	`approved_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`distributed_by` text,
	`distributed_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`distributed_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `minutes_versions_meeting_version` ON `minutes_versions` (`meeting_id`,`version`);