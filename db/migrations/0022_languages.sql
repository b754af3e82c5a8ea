ALTER TABLE `networks` ADD `language` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `persons` ADD `language` text;