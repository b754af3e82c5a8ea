ALTER TABLE "deliveries" ADD COLUMN "claimed_node" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "lease_until" timestamp (3) with time zone;