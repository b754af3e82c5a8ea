CREATE TABLE `agenda_item_guests` (
	`item_id` text NOT NULL,
	`person_id` text NOT NULL,
	PRIMARY KEY(`item_id`, `person_id`),
	FOREIGN KEY (`item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agenda_items` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`position` integer NOT NULL,
	`section` text NOT NULL,
	`reason` text NOT NULL,
	`title` text NOT NULL,
	`case_id` text,
	`signal_id` text,
	`planned_minutes` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`spent_ms` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signal_id`) REFERENCES `signals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agenda_items_meeting` ON `agenda_items` (`meeting_id`,`position`);--> statement-breakpoint
CREATE TABLE `meeting_events` (
	`meeting_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`item_id` text,
	`payload` text NOT NULL,
	`actor_id` text,
	`at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`meeting_id`, `seq`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_ops` (
	`meeting_id` text NOT NULL,
	`person_id` text NOT NULL,
	`op_id` text NOT NULL,
	`seq` integer NOT NULL,
	`ack` text NOT NULL,
	`at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_ops_op` ON `meeting_ops` (`meeting_id`,`person_id`,`op_id`);--> statement-breakpoint
CREATE TABLE `meeting_participants` (
	`meeting_id` text NOT NULL,
	`person_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`mandate` text NOT NULL,
	`attendance` text,
	`confidentiality_version` integer,
	`confidentiality_accepted_at` integer,
	PRIMARY KEY(`meeting_id`, `person_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`place` text,
	`call_link` text,
	`template` text NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`current_item_id` text,
	`timer_started_at` integer,
	`timer_elapsed_ms` integer DEFAULT 0 NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`previous_meeting_id` text,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_network_starts` ON `meetings` (`network_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `task_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text NOT NULL,
	`what` text NOT NULL,
	`owner_agency_id` text NOT NULL,
	`owner_person_id` text,
	`due_on` text NOT NULL,
	`proposed_by` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`task_id` text,
	`proposed_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_proposals_item` ON `task_proposals` (`item_id`);--> statement-breakpoint
ALTER TABLE `networks` ADD `confidentiality_statement` text DEFAULT 'What is shared at this table stays at this table. I use it only to choose the right support for the person discussed, I share it only with those in my agency who need to know, and I keep no copies outside Casetable.' NOT NULL;--> statement-breakpoint
ALTER TABLE `networks` ADD `confidentiality_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `decisions` ADD `meeting_id` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `agenda_item_id` text;--> statement-breakpoint
CREATE INDEX `decisions_meeting` ON `decisions` (`meeting_id`);--> statement-breakpoint
ALTER TABLE `tasks` ADD `meeting_id` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `agenda_item_id` text;--> statement-breakpoint
CREATE INDEX `tasks_meeting` ON `tasks` (`meeting_id`);