ALTER TABLE "minutes_versions" ALTER COLUMN "model" SET DATA TYPE jsonb USING "model"::jsonb;--> statement-breakpoint
ALTER TABLE "minutes_wording" ALTER COLUMN "doc" SET DATA TYPE jsonb USING "doc"::jsonb;--> statement-breakpoint
ALTER TABLE "minutes_wording" ALTER COLUMN "first_draft" SET DATA TYPE jsonb USING "first_draft"::jsonb;--> statement-breakpoint
ALTER TABLE "written_procedures" ALTER COLUMN "proposal" SET DATA TYPE jsonb USING "proposal"::jsonb;