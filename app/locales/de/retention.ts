import type { Translation } from "../types.ts";

export default {
  title: "Aufbewahrung",
  intro:
    "Casetable bewahrt jede Art von Daten nur so lange auf, wie dieser Plan es vorsieht. Jeden Tag (und bei jedem Start) entfernt die Löschung, was seine Frist überschritten hat: Sie löscht die Zeilen und Dateien, lässt keine Kopie auf der Festplatte zurück und schreibt einen Eintrag ins Audit-Log, der sagt, wie viel entfernt wurde, nie, was darin stand.",
  fromSettings: "Aufbewahrungsplan und Löschung",
  settings: {
    title: "Plan",
    save: "Plan speichern",
    saved: "Plan gespeichert.",
    unchanged: "Nichts geändert.",
    identityYears: "Identität eines abgeschlossenen Falls (Jahre)",
    identityYearsHint:
      "Name, Geburtsdatum, Anschrift und Kontaktdaten der Person und wer den Hinweis gab, nach der letzten Nachbeobachtung des Falls (oder seinem Abschluss, wenn es keine gab). Das Aktenzeichen, der Verlauf und die Zahlen bleiben.",
    auditAddressDays: "Adressen im Audit-Log (Tage)",
    auditAddressDaysHint:
      "Die Netzwerkadresse jedes Eintrags. Der Eintrag selbst bleibt; die Kette lässt sich weiter prüfen. Anmeldungen, die zu keinem Netzwerk gehören, folgen der kürzesten Frist aller Netzwerke.",
    intakeAddressDays: "Adressen von Hinweisgebern über Meldelinks (Tage)",
    intakeAddressDaysHint: "Die Netzwerkadresse einer Fachkraft, die einen Hinweis über einen Meldelink gab.",
    mailDays: "Mail-Dateien (Tage nach dem Versand)",
    mailDaysHint:
      "Die .eml-Dateien versandter Mails im Postausgang. Der Nachweis jedes Versands (an wen, wann, sein Hash) bleibt.",
    minutesYears: "Archivierte Protokolle (Jahre nach der Freigabe)",
    minutesYearsHint:
      "Das archivierte PDF und die Punkte der freigegebenen Fassung. Wer sie freigab und wann, und die Anwesenheit, bleiben.",
    range: {
      identityYears: "Eine ganze Zahl von Jahren, 1 bis 30.",
      auditAddressDays: "Eine ganze Zahl von Tagen, 7 bis 730.",
      intakeAddressDays: "Eine ganze Zahl von Tagen, 1 bis 365.",
      mailDays: "Eine ganze Zahl von Tagen, 1 bis 365.",
      minutesYears: "Eine ganze Zahl von Jahren, 1 bis 50.",
    },
  },
  due: {
    title: "Was die Löschung in den nächsten {{days}} Tagen entfernt",
    what: "Was",
    count: "Wie viele",
    from: "Ab",
    cases: "Fälle",
    nothing: "In den nächsten {{days}} Tagen ist nichts fällig.",
    kinds: {
      identity: "Identitäten abgeschlossener Fälle",
      auditAddresses: "Adressen im Audit-Log",
      intakeAddresses: "Adressen von Hinweisgebern über Meldelinks",
      mail: "Mail-Dateien",
      minutes: "Archivierte Protokolle",
    },
  },
  runs: {
    title: "Letzte Löschungen",
    none: "Die Löschung hat in diesem Netzwerk noch nichts entfernt.",
    at: "Wann",
    removed: "Entfernt",
    count: "{{what}}: {{count}}",
  },
} satisfies Translation["retention"];
