ALTER TABLE `deliveries` ADD `claimed_node` text;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `lease_until` integer;