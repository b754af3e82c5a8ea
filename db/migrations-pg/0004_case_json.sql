-- The case tables' JSON columns become jsonb (decision 0040); their text converts as it is.
ALTER TABLE "assessments" ALTER COLUMN "domains" SET DATA TYPE jsonb USING "domains"::jsonb;--> statement-breakpoint
ALTER TABLE "closure_proposals" ALTER COLUMN "checklist" SET DATA TYPE jsonb USING "checklist"::jsonb;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "details" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "details" SET DATA TYPE jsonb USING "details"::jsonb;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "details" SET DEFAULT '{}'::jsonb;--> statement-breakpoint
ALTER TABLE "plan_versions" ALTER COLUMN "content" SET DATA TYPE jsonb USING "content"::jsonb;
