-- Text holding JSON becomes jsonb (decision 0040): the old text default goes first, the values are cast.
ALTER TABLE "networks" ALTER COLUMN "accountable_officer_roles" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "networks" ALTER COLUMN "accountable_officer_roles" SET DATA TYPE jsonb USING "accountable_officer_roles"::jsonb;--> statement-breakpoint
ALTER TABLE "networks" ALTER COLUMN "accountable_officer_roles" SET DEFAULT '[]'::jsonb;--> statement-breakpoint
ALTER TABLE "networks" ALTER COLUMN "second_factor_roles" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "networks" ALTER COLUMN "second_factor_roles" SET DATA TYPE jsonb USING "second_factor_roles"::jsonb;--> statement-breakpoint
ALTER TABLE "networks" ALTER COLUMN "second_factor_roles" SET DEFAULT '["admin","chair","coordinator"]'::jsonb;--> statement-breakpoint
ALTER TABLE "passkeys" ALTER COLUMN "transports" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "passkeys" ALTER COLUMN "transports" SET DATA TYPE jsonb USING "transports"::jsonb;--> statement-breakpoint
ALTER TABLE "passkeys" ALTER COLUMN "transports" SET DEFAULT '[]'::jsonb;
