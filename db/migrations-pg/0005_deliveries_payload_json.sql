-- Text holding JSON becomes jsonb (decision 0040): the old text default goes first, the values are cast.
ALTER TABLE "deliveries" ALTER COLUMN "payload" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "payload" SET DATA TYPE jsonb USING "payload"::jsonb;--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "payload" SET DEFAULT '{}'::jsonb;
