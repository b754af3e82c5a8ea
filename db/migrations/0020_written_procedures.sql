CREATE TABLE `written_answers` (
	`procedure_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`stance` text NOT NULL,
	`reason` text,
	`given_by` text NOT NULL,
	`given_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`procedure_id`, `agency_id`),
	FOREIGN KEY (`procedure_id`) REFERENCES `written_procedures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`given_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `written_procedures` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`case_id` text NOT NULL,
	`reason` text NOT NULL,
	`kind` text NOT NULL,
	`proposal` text NOT NULL,
	`deadline` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`result` text,
	`note` text,
	`opened_by` text NOT NULL,
	`opened_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`concluded_by` text,
	`concluded_at` integer,
	`decision_id` text,
	`reported_meeting_id` text,
	`reported_item_id` text,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`concluded_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `written_procedures_network` ON `written_procedures` (`network_id`,`status`);