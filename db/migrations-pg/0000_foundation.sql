CREATE TABLE "agencies" (
	"id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"name" text NOT NULL,
	"sector" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"network_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"role" text NOT NULL,
	"mandate" text NOT NULL,
	"is_accountable_officer" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "networks" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"time_zone" text DEFAULT 'Europe/Brussels' NOT NULL,
	"locale" text DEFAULT 'en-GB' NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"minutes_language" text,
	"grading_scale" text DEFAULT 'admiralty' NOT NULL,
	"classification" text,
	"confidentiality_statement" text DEFAULT 'What is shared at this table stays at this table. I use it only to choose the right support for the person discussed, I share it only with those in my agency who need to know, and I keep no copies outside Casetable.' NOT NULL,
	"confidentiality_version" integer DEFAULT 1 NOT NULL,
	"accountable_officer_roles" text DEFAULT '[]' NOT NULL,
	"minutes_due_days" integer DEFAULT 3 NOT NULL,
	"minutes_delivery" text DEFAULT 'attach' NOT NULL,
	"update_reminder_days" integer DEFAULT 3 NOT NULL,
	"second_factor_roles" text DEFAULT '["admin","chair","coordinator"]' NOT NULL,
	"keep_identity_years" integer DEFAULT 2 NOT NULL,
	"keep_audit_address_days" integer DEFAULT 90 NOT NULL,
	"keep_intake_address_days" integer DEFAULT 30 NOT NULL,
	"keep_mail_days" integer DEFAULT 30 NOT NULL,
	"keep_minutes_years" integer DEFAULT 5 NOT NULL,
	"keep_case_years" integer DEFAULT 10 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"is_instance_admin" boolean DEFAULT false NOT NULL,
	"language" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" text,
	"network_id" text,
	"action" text NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"details" text NOT NULL,
	"ip" text,
	"ip_hash" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_participants" (
	"meeting_id" text NOT NULL,
	"person_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"mandate" text NOT NULL,
	"attendance" text,
	"joined_at" timestamp (3) with time zone,
	"left_at" timestamp (3) with time zone,
	"attendance_set_by" text,
	"confidentiality_version" integer,
	"confidentiality_accepted_at" timestamp (3) with time zone,
	CONSTRAINT "meeting_participants_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"place" text,
	"call_link" text,
	"template" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"invitation_sequence" integer DEFAULT 0 NOT NULL,
	"current_item_id" text,
	"timer_started_at" timestamp (3) with time zone,
	"timer_elapsed_ms" integer DEFAULT 0 NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"previous_meeting_id" text,
	"round" text,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_answers" (
	"meeting_id" text NOT NULL,
	"person_id" text NOT NULL,
	"answer" text NOT NULL,
	"delegate_name" text,
	"answered_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_answers_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_attendance_set_by_persons_id_fk" FOREIGN KEY ("attendance_set_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_answers" ADD CONSTRAINT "meeting_answers_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_answers" ADD CONSTRAINT "meeting_answers_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agencies_network_name" ON "agencies" USING btree ("network_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_person_network" ON "memberships" USING btree ("person_id","network_id");--> statement-breakpoint
CREATE INDEX "memberships_network" ON "memberships" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "audit_log_network_at" ON "audit_log" USING btree ("network_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_at" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "meetings_network_starts" ON "meetings" USING btree ("network_id","starts_at");