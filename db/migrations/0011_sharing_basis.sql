CREATE TABLE `case_sharing_bases` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`case_id` text NOT NULL,
	`event` text NOT NULL,
	`basis` text NOT NULL,
	`listed_basis_id` text,
	`basis_name` text,
	`basis_reference` text,
	`case_reference` text,
	`effective_on` text NOT NULL,
	`obtained_by` text NOT NULL,
	`note` text,
	`recorded_by` text NOT NULL,
	`recorded_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`listed_basis_id`) REFERENCES `listed_bases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`obtained_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_sharing_bases_case` ON `case_sharing_bases` (`case_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `listed_bases` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`name` text NOT NULL,
	`reference` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `listed_bases_network` ON `listed_bases` (`network_id`);