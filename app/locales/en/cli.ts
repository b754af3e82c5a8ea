// What Casetable's commands print (npm run audit:verify, backup, restore, keys:rotate,
// purge, demo): an i18next namespace of its own ("cli"), in the language of LC_ALL,
// LC_MESSAGES or LANG. Paths, counts and codes are filled in.
const cli = {
  audit: {
    intact:
      "Audit log intact: {{rows}} entries checked; it reaches the checkpoint of {{writtenAt}} ({{entries}} entries).",
    noCheckpoint:
      "Audit log intact: {{rows}} entries checked. No checkpoint at {{file}}: a missing tail could not be seen.",
    noKeyFile:
      "Audit log intact: {{rows}} entries checked. No key file at {{file}}: the checkpoint could not be checked.",
    keyFileUnnamed:
      "Audit log intact: {{rows}} entries checked. No key file named (CASETABLE_KEY_FILE, needed with PostgreSQL): the checkpoint could not be checked.",
    broken: {
      link: "Audit log BROKEN at entry #{{id}}: its link to the previous entry does not match: an entry before it was changed or removed.",
      content: "Audit log BROKEN at entry #{{id}}: its content does not match its hash: it was changed.",
    },
    untrusted: {
      unreadable: "The audit checkpoint {{file}} cannot be trusted: it is not a checkpoint file.",
      seal: "The audit checkpoint {{file}} cannot be trusted: its seal does not match: it was changed, or made with another key file.",
    },
    truncated_one:
      "Audit log TRUNCATED: the last entry is missing (the checkpoint of {{writtenAt}} counted {{entries}}; the log has {{rows}}).",
    truncated_other:
      "Audit log TRUNCATED: the last {{count}} entries are missing (the checkpoint of {{writtenAt}} counted {{entries}}; the log has {{rows}}).",
    rewritten: "Audit log REWRITTEN: entry #{{id}} is not the one the checkpoint of {{writtenAt}} recorded.",
  },
  copy: {
    usage:
      "Usage: npm run db:copy -- --from FROM --to TO   (each a SQLite file or file: URL, or postgres://…; TO must be new or empty)",
    same: "the source and the target are the same database",
    noSource: "there is no database at {{path}} (--from)",
    notEmpty: "the target {{to}} is not empty (its table {{table}} holds rows): copy only into a new, empty database",
    keyFileTaken: "another key file is already at {{file}}, beside the target",
    sourceBroken: "the source's audit log is broken at entry #{{id}}: run npm run audit:verify on it first",
    refused: "Copy refused, nothing was changed: {{reason}}.",
    failed: "Copy failed, nothing was written to the target: {{cause}}",
    copied:
      "Copied {{from}} to {{to}}: {{tables}} tables, {{rows}} rows. Every table holds as many rows in both; the audit log on the target is intact ({{entries}} entries) and ends where the source's does.",
    checkFailed:
      "Copy check FAILED: {{table}} holds {{source}} rows in the source and {{target}} in the target, or the audit logs differ. Do not use the target.",
    keyCopied:
      "The key file {{from}} (it seals the identities) was copied to {{to}}, readable by its owner only, with its audit checkpoint. Keep a copy of it apart from the backups.",
    keyToName:
      "The key file {{file}} (it seals the identities) was NOT copied: a PostgreSQL database has no folder beside it. Start Casetable on the target with CASETABLE_KEY_FILE set to it, or to a private copy of it together with {{checkpoint}}.",
    noKeyFile:
      "No key file at {{file}}: if the source holds sealed identities, they cannot be read on the target without it.",
    files:
      "Archived minutes and outgoing mail are files, not in the database: the target's instance needs ARCHIVE_DIR and OUTBOX_DIR (copy the folders if it runs elsewhere).",
  },
  backup: {
    usage: "Usage: npm run backup -- OUT   (OUT: the .tar.gz file to write)",
    noDatabase: "there is no database at {{path}} (DATABASE_URL)",
    written:
      "Backup written to {{file}}: the database and {{count}} archived or outgoing files, with their SHA-256 sums.",
    sealed:
      "The identities in it are sealed with key {{keys}}, held in {{keyFile}}, which is NOT in the backup: without a copy of that key file, kept apart from the backups, they cannot be read.",
    failed: "Backup failed: {{cause}}",
    postgresql:
      "DATABASE_URL names PostgreSQL: npm run backup copies the embedded SQLite database only. Back up PostgreSQL with its own tools (pg_dump, or the host's continuous archiving), and copy ARCHIVE_DIR and the key file beside it.",
  },
  restore: {
    usage: "Usage: npm run restore -- IN   (IN: a .tar.gz made by npm run backup)",
    restored:
      "Restored the backup of {{createdAt}}: {{files}} files match their SHA-256 sums; the database passes its integrity check; the audit log is intact ({{entries}} entries); {{versions}} archived minutes versions match the SHA-256 stored with them.",
    refused: "Restore refused: {{reason}}",
    failed: "Restore failed: {{cause}}",
    postgresql:
      "DATABASE_URL names PostgreSQL: npm run restore restores into the embedded SQLite database only. Restore PostgreSQL with its own tools (pg_restore, or the host's point-in-time recovery).",
  },
  keys: {
    progress: "{{count}} rows re-sealed…",
    rotated:
      'Keys rotated: {{count}} rows re-sealed under key {{to}}; key {{from}} removed from {{file}}. Back up the key file now (README, "Backups").',
    noKey: "(none)",
    failed: "Key rotation failed: {{cause}}",
  },
  purge: {
    dueNow: "{{network}}: due now: {{counts}}",
    removed: "{{network}}: removed: {{counts}}",
    count: "{{kind}}: {{count}}",
  },
  demo: {
    badLanguage: "Unknown language {{language}}: choose one of {{languages}}.",
    running: "Casetable demo is running at {{url}} (database {{database}}, wiped at every start)",
    password: "Sign in as any of these people, all with the password:  {{password}}",
  },
};

export default cli;
