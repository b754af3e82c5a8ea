// Texte des Protokolls: Durchsicht, Genehmigung, Versand, Archiv.
import type { Translation } from "../types.ts";

export default {
  title: "Protokoll",
  link: "Protokoll dieser Sitzung",
  back: "Zurück zur Sitzung",
  notEnded: "Das Protokoll wird geschrieben, sobald die Sitzung beendet ist.",
  status: {
    heading: "Stand des Protokolls",
    draft:
      "Entwurf, erstellt aus der Aufzeichnung der Sitzung in ihrem jetzigen Stand. Der Vorsitz genehmigt ihn; die Genehmigung friert ihn als Version {{version}} ein.",
    approved: "Version {{version}} ist genehmigt und archiviert. Die Koordination versendet sie.",
    distributed:
      "Version {{version}} wurde am {{when}} zum Versand freigegeben; die Zustellungen unten zeigen den Stand jeder E-Mail.",
  },
  preview: {
    heading: "Das Dokument",
    hint: "Öffnet sich in einem neuen Tab. Jede empfangende Person erhält eine Ausfertigung nur mit den Punkten, die ihr Netzwerkpartner sehen darf; dies ist die vollständige Aufzeichnung.",
    openDraft: "Entwurf als PDF öffnen",
    openCorrection: "Aufzeichnung im jetzigen Stand öffnen, Entwurf der Version {{next}} (PDF)",
    open: "Version {{version}} öffnen (PDF)",
    yourCopy: "Ihre Ausfertigung der Version {{version}} (PDF)",
  },
  wording: {
    heading: "Wortlaut je Punkt",
    intro:
      "Schreiben Sie den Protokolltext jedes Punkts, bevor der Vorsitz genehmigt. Er beginnt mit den Beschlüssen und den in der Sitzung gemachten Notizen; das PDF druckt ihn neben den festgehaltenen Beschlüssen, Stellungnahmen und Aufgaben, die sich nur durch eine Berichtigung der Aufzeichnung ändern.",
    item: "Punkt {{number}}: {{title}}",
    caseItem: "Punkt {{number}} · {{code}}: {{title}}",
    save: "Wortlaut speichern",
    saving: "Wird gespeichert…",
    unsaved: "Änderungen noch nicht gespeichert.",
    saved: "Gespeichert am {{when}}.",
    neverSaved: "Noch nicht gespeichert: Bis dahin druckt das PDF die in der Sitzung gemachten Notizen.",
    errors: {
      invalid: "Dieser Text konnte nicht gelesen werden. Laden Sie die Seite neu und versuchen Sie es erneut.",
      approved:
        "Das Protokoll ist genehmigt: Sein Wortlaut ändert sich nicht mehr. Eine Berichtigung erfolgt über die Aufzeichnung.",
    },
  },
  changes: {
    heading: "Änderungen seit dem ersten Entwurf der Koordination",
    intro: "Entfernte Wörter sind durchgestrichen, hinzugefügte unterstrichen.",
    none: "Keine Änderung seit dem ersten Entwurf.",
    added: "hinzugefügt",
    removed: "entfernt",
  },
  approve: {
    heading: "Genehmigen",
    intro:
      "Die Genehmigung friert das Protokoll in seinem jetzigen Stand ein: Die Aufzeichnung und das PDF mit seinem Fingerabdruck werden archiviert und ändern sich nicht mehr.",
    correctionIntro:
      "Die Aufzeichnung wurde berichtigt, seit Version {{version}} genehmigt wurde. Die Genehmigung erstellt Version {{next}}; die frühere Version bleibt verfügbar.",
    changeNote: "Was sich geändert hat und warum",
    changeNoteHint:
      "Wird mit der neuen Version angezeigt, z. B. „Punkt 3: zwei Monate statt einem, wie vom sozialpsychiatrischen Dienst gewünscht.“",
    submit: "Protokoll genehmigen",
    submitCorrection: "Version {{next}} genehmigen",
    done: "Version {{version}} ist genehmigt und archiviert.",
  },
  distribute: {
    heading: "Versenden",
    intro:
      "Jede eingeladene Person, ob anwesend oder nicht, erhält per E-Mail ihre eigene Ausfertigung mit dem Kalendereintrag der nächsten Sitzung. Die an jedem besprochenen Fall beteiligten Netzwerkpartner erhalten dessen Maßnahmenplan (per Link: auf dieser Seite aufgeführt, nichts angehängt).",
    submit: "Version {{version}} versenden",
    done_one:
      "Version {{version}} ist unterwegs: {{count}} E-Mail. Jede Zustellung erscheint unten, sobald sie erfolgt.",
    done_other:
      "Version {{version}} ist unterwegs: {{count}} E-Mails. Jede Zustellung erscheint unten, sobald sie erfolgt.",
  },
  deadline: {
    listLabel: "Ausstehende Protokolle",
    of: "Protokoll: {{title}}",
    due: "Fällig am {{date}}",
    awaiting_approval: "Wartet auf die Genehmigung des Vorsitzes, fällig am {{date}}",
    approval_overdue: "Überfällig: nicht genehmigt, fällig am {{date}}",
    awaiting_distribution: "Genehmigt, zu versenden bis {{date}}",
    distribution_overdue: "Überfällig: genehmigt, aber nicht versandt, fällig am {{date}}",
  },
  settings: {
    title: "Protokolle",
    intro:
      "Wann Protokolle fällig sind und wie vertrauliche Protokolle die Eingeladenen erreichen. In beiden Fällen enthält die E-Mail selbst keine Fallinhalte.",
    dueDays: "Protokoll fällig, in Arbeitstagen nach der Sitzung",
    dueDaysHint: "Montag bis Freitag. Drei ist die übliche Praxis (MARAC).",
    dueDaysRange: "Geben Sie eine ganze Zahl von Arbeitstagen von 1 bis 30 ein.",
    delivery: "Wie Ausfertigungen zugestellt werden",
    deliveryHint:
      "Per Link teilt die E-Mail mit, dass das Protokoll bereitsteht; jede Person meldet sich an, um ihre eigene Ausfertigung herunterzuladen, und der Download gilt als Empfangsbestätigung.",
    deliveries: {
      attach: "Ausfertigung jeder Person an die E-Mail anhängen",
      link: "Benachrichtigung mit einem Link senden, der eine Anmeldung erfordert",
    },
  },
  deliveries: {
    heading: "Zustellungen",
    none: "Es wurde noch nichts versandt.",
    summary: "Version {{version}}: {{sent}} von {{total}} versandt.",
    summaryWaiting_one: "{{count}} wartet auf den Versand.",
    summaryWaiting_other: "{{count}} warten auf den Versand.",
    summaryAttention_one: "{{count}} braucht Ihre Aufmerksamkeit.",
    summaryAttention_other: "{{count}} brauchen Ihre Aufmerksamkeit.",
    version: "Version",
    to: "An",
    what: "Was",
    status: "Status",
    attempts: "Versuche",
    receipt: "Geöffnet",
    attached: "An die E-Mail angehängt",
    opened: "Heruntergeladen am {{when}}",
    notOpened: "Noch nicht geöffnet",
    minutes: "Protokoll",
    actionPlan: "Maßnahmenplan {{code}}",
    pending: "Wartet auf den Versand",
    sending: "Wird gesendet…",
    sent: "Gesendet",
    failed: "Noch nicht zugestellt: {{reason}}",
    nextAttempt: "Automatischer neuer Versuch am {{when}}.",
    refused: "Vom Mailserver abgelehnt: {{reason}}",
    unknown: "Unbekannt: möglicherweise angekommen ({{reason}})",
    /** Why a mail was not delivered, when the reason is ours and not the mail server's words. */
    reasons: {
      no_answer: "Der Mailserver hat nicht rechtzeitig geantwortet",
      unreachable: "Der Mailserver war nicht erreichbar",
      not_composed: "Die E-Mail konnte nicht erstellt werden (das Serverprotokoll nennt den Grund)",
      stopped_after_data: "Der Server hielt an, nachdem der Mailserver die ganze Nachricht hatte, vor dessen Antwort",
    },
    unknownExplained:
      "Unbekannt bedeutet, dass der Mailserver die ganze Nachricht erhalten, aber nicht bestätigt hat. Sie ist möglicherweise angekommen und wird daher nicht erneut gesendet, es sei denn, Sie entscheiden es.",
    retry: "Jetzt erneut versuchen",
    retryLabel: "Jetzt erneut versuchen: {{what}} an {{name}}",
    resend: "Trotzdem erneut senden",
    resendLabel: "Trotzdem erneut senden: {{what}} an {{name}} (dieselbe Nachricht, als Duplikat erkennbar)",
  },
  plans: {
    heading: "Maßnahmenpläne",
    intro:
      "Die aktuellen Maßnahmenpläne der besprochenen Fälle, an denen Ihr Netzwerkpartner arbeitet. Jeder Download wird festgehalten.",
    download: "Maßnahmenplan {{code}} (PDF)",
  },
  versions: {
    heading: "Versionen",
    none: "Es wurde noch keine Version genehmigt.",
    version: "Version",
    approved: "Genehmigt",
    approvedBy: "Genehmigt von",
    change: "Was sich geändert hat und warum",
    fingerprint: "SHA-256",
    first: "Erste Version",
  },
  errors: {
    changeNoteRequired: "Geben Sie an, was sich seit der letzten Version geändert hat und warum.",
    nothingChanged: "In der Aufzeichnung hat sich seit der letzten Version nichts geändert.",
    notEnded: "Die Sitzung ist noch nicht beendet.",
    approvedMeanwhile:
      "Version {{version}} wurde soeben von jemand anderem genehmigt. Laden Sie die Seite neu, um sie zu sehen.",
    nothingToSend: "Es gibt keine genehmigte Version zum Versenden.",
    alreadySent: "Diese Version wurde bereits versandt.",
    notWaiting:
      "Diese E-Mail wartet nicht mehr auf Sie: Sie wird bereits erneut gesendet oder wurde erledigt. Die Tabelle zeigt ihren Stand.",
  },
} satisfies Translation["minutes"];
