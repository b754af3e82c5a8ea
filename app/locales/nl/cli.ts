import type { ServerTranslation } from "../types.ts";

// Wat de opdrachten van Casetable tonen (naamruimte "cli").
const cli = {
  audit: {
    intact:
      "Logboek intact: {{rows}} regels gecontroleerd; het reikt tot het controlepunt van {{writtenAt}} ({{entries}} regels).",
    noCheckpoint:
      "Logboek intact: {{rows}} regels gecontroleerd. Geen controlepunt in {{file}}: of er aan het einde regels ontbreken, kon niet worden nagegaan.",
    noKeyFile:
      "Logboek intact: {{rows}} regels gecontroleerd. Geen sleutelbestand in {{file}}: het controlepunt kon niet worden nagegaan.",
    broken: {
      link: "Logboek GEBROKEN bij regel #{{id}}: de verwijzing naar de vorige regel klopt niet: een eerdere regel werd gewijzigd of verwijderd.",
      content: "Logboek GEBROKEN bij regel #{{id}}: de inhoud klopt niet met de hash: de regel werd gewijzigd.",
    },
    untrusted: {
      unreadable: "Het controlepunt {{file}} van het logboek is niet te vertrouwen: het is geen controlepuntbestand.",
      seal: "Het controlepunt {{file}} van het logboek is niet te vertrouwen: het zegel klopt niet: het werd gewijzigd, of gemaakt met een ander sleutelbestand.",
    },
    truncated_one:
      "Logboek INGEKORT: de laatste regel ontbreekt (het controlepunt van {{writtenAt}} telde er {{entries}}; het logboek heeft er {{rows}}).",
    truncated_other:
      "Logboek INGEKORT: de laatste {{count}} regels ontbreken (het controlepunt van {{writtenAt}} telde er {{entries}}; het logboek heeft er {{rows}}).",
    rewritten: "Logboek HERSCHREVEN: regel #{{id}} is niet de regel die het controlepunt van {{writtenAt}} vastlegde.",
  },
  backup: {
    usage: "Gebruik: npm run backup -- UIT   (UIT: het .tar.gz-bestand dat geschreven wordt)",
    noDatabase: "er is geen database in {{path}} (DATABASE_URL)",
    written:
      "Back-up geschreven naar {{file}}: de database en {{count}} gearchiveerde of uitgaande bestanden, met hun SHA-256-sommen.",
    sealed:
      "De identiteiten erin zijn verzegeld met sleutel {{keys}}, bewaard in {{keyFile}}, en die zit NIET in de back-up: zonder een kopie van dat sleutelbestand, apart van de back-ups bewaard, zijn ze niet te lezen.",
    failed: "Back-up mislukt: {{cause}}",
    postgresql:
      "DATABASE_URL wijst naar PostgreSQL: npm run backup kopieert alleen de ingebouwde SQLite-database. Maak een back-up van PostgreSQL met de eigen hulpmiddelen (pg_dump, of de doorlopende archivering van de host) en kopieer ARCHIVE_DIR en het sleutelbestand erbij.",
  },
  restore: {
    usage: "Gebruik: npm run restore -- IN   (IN: een .tar.gz gemaakt met npm run backup)",
    restored:
      "De back-up van {{createdAt}} is teruggezet: {{files}} bestanden kloppen met hun SHA-256-sommen; de database doorstaat haar integriteitscontrole; het logboek is intact ({{entries}} regels); {{versions}} gearchiveerde versies van verslagen kloppen met de SHA-256 die erbij bewaard is.",
    refused: "Terugzetten geweigerd: {{reason}}",
    failed: "Terugzetten mislukt: {{cause}}",
    postgresql:
      "DATABASE_URL wijst naar PostgreSQL: npm run restore zet alleen terug in de ingebouwde SQLite-database. Zet PostgreSQL terug met de eigen hulpmiddelen (pg_restore, of het herstel naar een tijdstip van de host).",
  },
  keys: {
    progress: "{{count}} rijen opnieuw verzegeld…",
    rotated:
      'Sleutels vervangen: {{count}} rijen opnieuw verzegeld met sleutel {{to}}; sleutel {{from}} verwijderd uit {{file}}. Maak nu een back-up van het sleutelbestand (README, "Backups").',
    noKey: "(geen)",
    failed: "Vervangen van de sleutels mislukt: {{cause}}",
  },
  purge: {
    dueNow: "{{network}}: nu aan de beurt: {{counts}}",
    removed: "{{network}}: verwijderd: {{counts}}",
    count: "{{kind}}: {{count}}",
  },
  demo: {
    badLanguage: "Onbekende taal {{language}}: kies een van {{languages}}.",
    running: "De demo van Casetable draait op {{url}} (database {{database}}, bij elke start gewist)",
    password: "Log in als een van deze personen, allemaal met het wachtwoord:  {{password}}",
  },
} satisfies ServerTranslation["cli"];

export default cli;
