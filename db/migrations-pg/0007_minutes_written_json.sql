-- The minutes' and written procedures' JSON columns become jsonb (decision 0040); their text converts as it is.
ALTER TABLE "minutes_versions" ALTER COLUMN "model" SET DATA TYPE jsonb USING "model"::jsonb;--> statement-breakpoint
ALTER TABLE "minutes_wording" ALTER COLUMN "doc" SET DATA TYPE jsonb USING "doc"::jsonb;--> statement-breakpoint
ALTER TABLE "minutes_wording" ALTER COLUMN "first_draft" SET DATA TYPE jsonb USING "first_draft"::jsonb;--> statement-breakpoint
ALTER TABLE "written_procedures" ALTER COLUMN "proposal" SET DATA TYPE jsonb USING "proposal"::jsonb;