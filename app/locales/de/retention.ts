// Der Aufbewahrungsplan und seine Löschung (Entscheidung 0033).
import type { Translation } from "../types.ts";

export default {
  title: "Aufbewahrung",
  intro:
    "Casetable bewahrt jede Art von Daten nur so lange auf, wie dieser Plan es vorsieht. Jeden Tag (und bei jedem Start) entfernt die Löschung, was seine Frist überschritten hat: Sie löscht die Zeilen und Dateien, hinterlässt keine Kopie auf der Festplatte und schreibt einen Eintrag ins Audit-Log, der nennt, wie viel entfernt wurde, nie, was darin stand.",
  fromSettings: "Aufbewahrungsplan und Löschung",
  settings: {
    title: "Plan",
    save: "Plan speichern",
    saved: "Plan gespeichert.",
    unchanged: "Nichts geändert.",
    identityYears: "Identität eines abgeschlossenen Falls (Jahre)",
    identityYearsHint:
      "Name, Geburtsdatum, Anschrift und Kontakte der betroffenen Person sowie wer den Fall gemeldet hat, nach der letzten Nachsorgeprüfung des Falls (oder seinem Abschluss, wenn es keine gab). Kürzel, Aufzeichnung und Zahlen bleiben.",
    auditAddressDays: "Adressen im Audit-Log (Tage)",
    auditAddressDaysHint:
      "Die Netzwerkadresse jedes Eintrags. Der Eintrag selbst bleibt; die Kette lässt sich weiter prüfen. Anmeldungen, die zu keinem Netzwerk gehören, folgen der kürzesten Frist aller Netzwerke.",
    intakeAddressDays: "Adressen der Meldenden über Meldelinks (Tage)",
    intakeAddressDaysHint: "Die Netzwerkadresse einer Fachkraft, die über einen Meldelink eine Meldung gesendet hat.",
    mailDays: "E-Mail-Dateien (Tage nach der Zustellung)",
    mailDaysHint:
      "Die .eml-Dateien gesendeter E-Mails im Postausgang. Der Nachweis jeder Zustellung (an wen, wann, ihr Hash) bleibt.",
    minutesYears: "Archivierte Protokolle (Jahre nach der Genehmigung)",
    minutesYearsHint:
      "Das archivierte PDF und die Punkte der genehmigten Version. Wer sie wann genehmigt hat und die Anwesenheit bleiben.",
    caseYears: "Ganzer abgeschlossener Fall (Jahre)",
    caseYearsHint:
      "Alles, was über den Fall geschrieben wurde: die Zusammenfassung, die Worte der Hinweise, Analysen, Einschätzungen, Begründungen und Stellungnahmen der Beschlüsse, Pläne, Aufgaben, Abschluss, Notizen und die Formulierung seiner Protokollpunkte, nach der letzten Nachsorgeprüfung des Falls. Das Kürzel, die Phasen, die Daten und die Zahlen bleiben. Archivierte Protokolle folgen ihrer eigenen Frist.",
    range: {
      identityYears: "Eine ganze Zahl von Jahren von 1 bis 30.",
      auditAddressDays: "Eine ganze Zahl von Tagen von 7 bis 730.",
      intakeAddressDays: "Eine ganze Zahl von Tagen von 1 bis 365.",
      mailDays: "Eine ganze Zahl von Tagen von 1 bis 365.",
      minutesYears: "Eine ganze Zahl von Jahren von 1 bis 50.",
      caseYears: "Eine ganze Zahl von Jahren von 1 bis 50.",
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
      intakeAddresses: "Adressen der Meldenden über Meldelinks",
      mail: "E-Mail-Dateien",
      minutes: "Archivierte Protokolle",
      case: "Inhalt abgeschlossener Fälle",
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
