ALTER TABLE `networks` ADD `locale` text DEFAULT 'en-GB' NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting_participants` ADD `joined_at` integer;--> statement-breakpoint
ALTER TABLE `meeting_participants` ADD `left_at` integer;--> statement-breakpoint
ALTER TABLE `meeting_participants` ADD `attendance_set_by` text REFERENCES persons(id);