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
