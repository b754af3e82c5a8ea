CREATE TABLE `membership_grants` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`membership_id` text NOT NULL,
	`role` text NOT NULL,
	`mandate` text NOT NULL,
	`agency_id` text NOT NULL,
	`is_accountable_officer` integer NOT NULL,
	`requested_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `membership_grants_network` ON `membership_grants` (`network_id`,`status`);--> statement-breakpoint
ALTER TABLE `networks` ADD `accountable_officer_roles` text DEFAULT '[]' NOT NULL;