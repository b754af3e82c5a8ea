CREATE TABLE `decision_corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`decision_id` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`reason` text NOT NULL,
	`corrected_by` text NOT NULL,
	`corrected_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`corrected_by`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decision_corrections_decision` ON `decision_corrections` (`decision_id`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `ip_hash` text;--> statement-breakpoint
-- One change is allowed (decision 0029): clearing the address of an entry whose chain
-- covers the address's keyed hash, after its retention. Nothing else of an entry changes.
DROP TRIGGER audit_log_no_update;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (
  NEW.ip IS NULL AND OLD.ip_hash IS NOT NULL AND NEW.ip_hash IS OLD.ip_hash
  AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor_id IS OLD.actor_id
  AND NEW.network_id IS OLD.network_id AND NEW.action IS OLD.action
  AND NEW.subject_type IS OLD.subject_type AND NEW.subject_id IS OLD.subject_id
  AND NEW.details IS OLD.details AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash
)
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
