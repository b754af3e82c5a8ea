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
    keyFileUnnamed:
      "Logboek intact: {{rows}} regels gecontroleerd. Geen sleutelbestand opgegeven (CASETABLE_KEY_FILE, nodig bij PostgreSQL): het controlepunt kon niet worden nagegaan.",
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
  copy: {
    usage:
      "Gebruik: npm run db:copy -- --from VAN --to NAAR   (elk een SQLite-bestand of file:-URL, of postgres://…; NAAR moet nieuw of leeg zijn)",
    same: "de bron en het doel zijn dezelfde database",
    noSource: "er is geen database in {{path}} (--from)",
    notEmpty:
      "het doel {{to}} is niet leeg (de tabel {{table}} bevat rijen): kopieer alleen naar een nieuwe, lege database",
    keyFileTaken: "naast het doel staat al een ander sleutelbestand: {{file}}",
    sourceBroken: "het logboek van de bron is gebroken bij regel #{{id}}: voer daar eerst npm run audit:verify uit",
    refused: "Kopiëren geweigerd, er is niets veranderd: {{reason}}.",
    failed: "Kopiëren mislukt, er is niets in het doel geschreven: {{cause}}",
    copied:
      "{{from}} gekopieerd naar {{to}}: {{tables}} tabellen, {{rows}} rijen. Elke tabel bevat in beide evenveel rijen; het logboek in het doel is intact ({{entries}} regels) en eindigt waar dat van de bron eindigt.",
    checkFailed:
      "Controle van de kopie MISLUKT: {{table}} bevat {{source}} rijen in de bron en {{target}} in het doel, of de logboeken verschillen. Gebruik het doel niet.",
    keyCopied:
      "Het sleutelbestand {{from}} (het verzegelt de identiteiten) is gekopieerd naar {{to}}, alleen leesbaar voor de eigenaar, met zijn controlepunt. Bewaar er een kopie van, los van de back-ups.",
    keyToName:
      "Het sleutelbestand {{file}} (het verzegelt de identiteiten) is NIET gekopieerd: een PostgreSQL-database heeft geen map ernaast. Start Casetable op het doel met CASETABLE_KEY_FILE ingesteld op dit bestand, of op een afgeschermde kopie ervan samen met {{checkpoint}}.",
    noKeyFile:
      "Geen sleutelbestand in {{file}}: als de bron verzegelde identiteiten bevat, zijn die in het doel zonder dat bestand niet te lezen.",
    files:
      "Gearchiveerde verslagen en uitgaande mail zijn bestanden, niet in de database: de instantie van het doel heeft ARCHIVE_DIR en OUTBOX_DIR nodig (kopieer de mappen als die elders draait).",
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
