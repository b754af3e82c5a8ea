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
    keyFileUnnamed:
      "Audit-Log intakt: {{rows}} Einträge geprüft. Keine Schlüsseldatei angegeben (CASETABLE_KEY_FILE, nötig mit PostgreSQL): Der Prüfpunkt konnte nicht geprüft werden.",
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
  copy: {
    usage:
      "Aufruf: npm run db:copy -- --from QUELLE --to ZIEL   (jeweils eine SQLite-Datei oder file:-URL oder postgres://…; ZIEL muss neu oder leer sein)",
    same: "Quelle und Ziel sind dieselbe Datenbank",
    noSource: "unter {{path}} liegt keine Datenbank (--from)",
    notEmpty:
      "das Ziel {{to}} ist nicht leer (seine Tabelle {{table}} enthält Zeilen): nur in eine neue, leere Datenbank kopieren",
    keyFileTaken: "neben dem Ziel liegt bereits eine andere Schlüsseldatei: {{file}}",
    sourceBroken:
      "das Audit-Log der Quelle ist bei Eintrag Nr. {{id}} gebrochen: zuerst npm run audit:verify darauf ausführen",
    refused: "Kopieren abgelehnt, nichts wurde geändert: {{reason}}.",
    failed: "Kopieren fehlgeschlagen, nichts wurde ins Ziel geschrieben: {{cause}}",
    copied:
      "{{from}} nach {{to}} kopiert: {{tables}} Tabellen, {{rows}} Zeilen. Jede Tabelle enthält in beiden gleich viele Zeilen; das Audit-Log im Ziel ist intakt ({{entries}} Einträge) und endet, wo das der Quelle endet.",
    checkFailed:
      "Prüfung der Kopie FEHLGESCHLAGEN: {{table}} enthält {{source}} Zeilen in der Quelle und {{target}} im Ziel, oder die Audit-Logs unterscheiden sich. Das Ziel nicht verwenden.",
    keyCopied:
      "Die Schlüsseldatei {{from}} (sie versiegelt die Identitäten) wurde nach {{to}} kopiert, nur für ihren Besitzer lesbar, mit ihrem Prüfpunkt. Bewahren Sie eine Kopie getrennt von den Sicherungen auf.",
    keyToName:
      "Die Schlüsseldatei {{file}} (sie versiegelt die Identitäten) wurde NICHT kopiert: Eine PostgreSQL-Datenbank hat keinen Ordner neben sich. Starten Sie Casetable auf dem Ziel mit CASETABLE_KEY_FILE auf diese Datei gesetzt oder auf eine geschützte Kopie davon zusammen mit {{checkpoint}}.",
    noKeyFile:
      "Keine Schlüsseldatei unter {{file}}: Enthält die Quelle versiegelte Identitäten, sind sie im Ziel ohne sie nicht lesbar.",
    files:
      "Archivierte Protokolle und ausgehende Mails sind Dateien, nicht in der Datenbank: Die Instanz des Ziels braucht ARCHIVE_DIR und OUTBOX_DIR (kopieren Sie die Ordner, wenn sie anderswo läuft).",
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
