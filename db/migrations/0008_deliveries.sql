CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`meeting_id` text,
	`minutes_version_id` text,
	`recipient_person_id` text NOT NULL,
	`email` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`claimed_by` text,
	`claimed_at` integer,
	`data_sent_at` integer,
	`reason` text,
	`sha256` text,
	`sent_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`minutes_version_id`) REFERENCES `minutes_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deliveries_due` ON `deliveries` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `deliveries_minutes_version` ON `deliveries` (`minutes_version_id`);--> statement-breakpoint
-- The deliveries of minutes already sent move into the one record of mail. Their id is the
-- mail id they had, which names the message kept for a retry and its Message-ID.
INSERT INTO `deliveries` (`id`, `kind`, `meeting_id`, `minutes_version_id`, `recipient_person_id`, `email`, `payload`, `state`, `attempts`, `reason`, `sent_at`, `created_at`, `updated_at`)
SELECT d.`mail_id`,
  CASE WHEN d.`kind` = 'minutes' THEN 'minutes' ELSE 'action_plan' END,
  v.`meeting_id`, d.`version_id`, d.`recipient_person_id`, d.`email`,
  CASE WHEN d.`kind` = 'minutes' THEN '{}' ELSE json_object('caseCode', substr(d.`kind`, length('action_plan:') + 1)) END,
  CASE WHEN d.`status` = 'sent' THEN 'sent' WHEN d.`retryable` THEN 'failed' ELSE 'refused' END,
  d.`attempts`, d.`reason`, d.`sent_at`, d.`created_at`, d.`updated_at`
FROM `minutes_deliveries` d JOIN `minutes_versions` v ON v.`id` = d.`version_id`;
