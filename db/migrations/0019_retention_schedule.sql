ALTER TABLE `networks` ADD `keep_identity_years` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `networks` ADD `keep_audit_address_days` integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE `networks` ADD `keep_intake_address_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `networks` ADD `keep_mail_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `networks` ADD `keep_minutes_years` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `identity_purged_at` integer;--> statement-breakpoint
ALTER TABLE `minutes_versions` ADD `purged_at` integer;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `files_purged_at` integer;