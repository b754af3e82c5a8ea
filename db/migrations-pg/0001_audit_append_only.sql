-- The audit log is append-only: the database itself refuses to change or remove an entry,
-- except clearing an address whose keyed hash the chain covers (decision 0029), as SQLite's
-- triggers do (db/migrations/0001 and 0018). Whoever owns the tables can drop these; the
-- hash chain then shows it.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.ip IS NULL AND OLD.ip_hash IS NOT NULL
     AND (NEW.id, NEW.at, NEW.actor_id, NEW.network_id, NEW.action, NEW.subject_type, NEW.subject_id,
          NEW.details, NEW.ip_hash, NEW.prev_hash, NEW.hash)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.actor_id, OLD.network_id, OLD.action, OLD.subject_type, OLD.subject_id,
          OLD.details, OLD.ip_hash, OLD.prev_hash, OLD.hash) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
