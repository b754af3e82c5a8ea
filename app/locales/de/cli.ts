import type { ServerTranslation } from "../types.ts";

// Was die Befehle von Casetable ausgeben (Namensraum „cli“).
const cli = {
  audit: {
    intact:
      "Audit-Log intakt: {{rows}} Einträge geprüft; es reicht bis zum Prüfpunkt vom {{writtenAt}} ({{entries}} Einträge).",
    noCheckpoint:
      "Audit-Log intakt: {{rows}} Einträge geprüft. Kein Prüfpunkt unter {{file}}: Ob am Ende Einträge fehlen, war nicht festzustellen.",
    noKeyFile:
      "Audit-Log intakt: {{rows}} Einträge geprüft. Keine Schlüsseldatei unter {{file}}: Der Prüfpunkt konnte nicht geprüft werden.",
    broken: {
      link: "Audit-Log BESCHÄDIGT bei Eintrag Nr. {{id}}: Der Verweis auf den vorigen Eintrag stimmt nicht: Ein früherer Eintrag wurde geändert oder entfernt.",
      content:
        "Audit-Log BESCHÄDIGT bei Eintrag Nr. {{id}}: Der Inhalt stimmt nicht mit seinem Hash überein: Er wurde geändert.",
    },
    untrusted: {
      unreadable: "Dem Prüfpunkt {{file}} des Audit-Logs ist nicht zu trauen: Es ist keine Prüfpunktdatei.",
      seal: "Dem Prüfpunkt {{file}} des Audit-Logs ist nicht zu trauen: Sein Siegel stimmt nicht: Er wurde geändert oder mit einer anderen Schlüsseldatei erstellt.",
    },
    truncated_one:
      "Audit-Log GEKÜRZT: Der letzte Eintrag fehlt (der Prüfpunkt vom {{writtenAt}} zählte {{entries}}; das Log hat {{rows}}).",
    truncated_other:
      "Audit-Log GEKÜRZT: Die letzten {{count}} Einträge fehlen (der Prüfpunkt vom {{writtenAt}} zählte {{entries}}; das Log hat {{rows}}).",
    rewritten:
      "Audit-Log UMGESCHRIEBEN: Eintrag Nr. {{id}} ist nicht der, den der Prüfpunkt vom {{writtenAt}} festhielt.",
  },
  backup: {
    usage: "Aufruf: npm run backup -- ZIEL   (ZIEL: die zu schreibende .tar.gz-Datei)",
    noDatabase: "unter {{path}} liegt keine Datenbank (DATABASE_URL)",
    written:
      "Sicherung nach {{file}} geschrieben: die Datenbank und {{count}} archivierte oder ausgehende Dateien, mit ihren SHA-256-Summen.",
    sealed:
      "Die Identitäten darin sind mit Schlüssel {{keys}} versiegelt, der in {{keyFile}} liegt und NICHT in der Sicherung ist: Ohne eine Kopie dieser Schlüsseldatei, getrennt von den Sicherungen aufbewahrt, sind sie nicht lesbar.",
    failed: "Sicherung fehlgeschlagen: {{cause}}",
    postgresql:
      "DATABASE_URL nennt PostgreSQL: npm run backup kopiert nur die eingebettete SQLite-Datenbank. Sichern Sie PostgreSQL mit dessen eigenen Werkzeugen (pg_dump oder die fortlaufende Archivierung des Hosts) und kopieren Sie ARCHIVE_DIR und die Schlüsseldatei dazu.",
  },
  restore: {
    usage: "Aufruf: npm run restore -- QUELLE   (QUELLE: eine mit npm run backup erstellte .tar.gz-Datei)",
    restored:
      "Sicherung vom {{createdAt}} wiederhergestellt: {{files}} Dateien stimmen mit ihren SHA-256-Summen überein; die Datenbank besteht ihre Integritätsprüfung; das Audit-Log ist intakt ({{entries}} Einträge); {{versions}} archivierte Protokollversionen stimmen mit dem bei ihnen gespeicherten SHA-256 überein.",
    refused: "Wiederherstellung abgelehnt: {{reason}}",
    failed: "Wiederherstellung fehlgeschlagen: {{cause}}",
    postgresql:
      "DATABASE_URL nennt PostgreSQL: npm run restore stellt nur in die eingebettete SQLite-Datenbank wieder her. Stellen Sie PostgreSQL mit dessen eigenen Werkzeugen wieder her (pg_restore oder die Zeitpunktwiederherstellung des Hosts).",
  },
  keys: {
    progress: "{{count}} Zeilen neu versiegelt…",
    rotated:
      'Schlüssel gewechselt: {{count}} Zeilen mit Schlüssel {{to}} neu versiegelt; Schlüssel {{from}} aus {{file}} entfernt. Sichern Sie jetzt die Schlüsseldatei (README, "Backups").',
    noKey: "(keiner)",
    failed: "Schlüsselwechsel fehlgeschlagen: {{cause}}",
  },
  purge: {
    dueNow: "{{network}}: jetzt fällig: {{counts}}",
    removed: "{{network}}: gelöscht: {{counts}}",
    count: "{{kind}}: {{count}}",
  },
  demo: {
    badLanguage: "Unbekannte Sprache {{language}}: Wählen Sie eine von {{languages}}.",
    running: "Die Casetable-Demo läuft unter {{url}} (Datenbank {{database}}, bei jedem Start geleert)",
    password: "Melden Sie sich als eine dieser Personen an, alle mit dem Passwort:  {{password}}",
  },
} satisfies ServerTranslation["cli"];

export default cli;
