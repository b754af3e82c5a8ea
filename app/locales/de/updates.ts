// Texte zu den Berichten der Netzwerkpartner vor der Sitzung (Ticket 14, Regel 1).
import type { Translation } from "../types.ts";

const updates = {
  title: "Berichte vor der Sitzung",
  link: "Berichte der Netzwerkpartner",
  intro:
    "Jeder Netzwerkpartner, der an einem Fall auf der Tagesordnung beteiligt ist, stellt hier vor der Sitzung seinen Bericht ein: den Stand seiner offenen Aufgaben, neue Informationen und seine Sicht auf einen Abschlussvorschlag. Die Aufgaben ändern sich erst, wenn der Vorsitz den Bericht in der Sitzung bestätigt.",
  back: "Zurück zur Tagesordnung",
  reported_one: "{{reported}} von {{expected}} Netzwerkpartner",
  reported_other: "{{reported}} von {{expected}} Netzwerkpartnern",
  reportedTotal_one: "{{reported}} von {{expected}} Bericht eingestellt",
  reportedTotal_other: "{{reported}} von {{expected}} Berichten eingestellt",
  overview: "Wer berichtet hat",
  item: "Punkt",
  agencies: "Netzwerkpartner",
  missing: "Noch nicht: {{names}}",
  allReported: "Alle beteiligten Netzwerkpartner haben berichtet.",
  reminder_one:
    "Netzwerkpartner, die nicht berichtet haben, werden {{count}} Tag vor der Sitzung per E-Mail erinnert (Einstellungen).",
  reminder_other:
    "Netzwerkpartner, die nicht berichtet haben, werden {{count}} Tage vor der Sitzung per E-Mail erinnert (Einstellungen).",
  yourItems: "Die Punkte Ihres Netzwerkpartners ({{agency}})",
  noItems: "Ihr Netzwerkpartner ist an keinem Fall dieser Tagesordnung beteiligt.",
  closed: "Die Sitzung hat begonnen: Berichte werden jetzt am Tisch gegeben.",
  cancelled: "Diese Sitzung wurde abgesagt.",
  yourTasks: "Offene Aufgaben Ihres Netzwerkpartners",
  noTasks: "Ihr Netzwerkpartner hat in diesem Fall keine offenen Aufgaben.",
  progressFor: "Stand: {{what}}",
  progressNone: "Nichts zu berichten",
  progress: {
    done: "Erledigt",
    in_progress: "Noch in Arbeit",
    circumstances_changed: "Nicht mehr möglich: Umstände haben sich geändert",
    agency_not_done: "Vom Netzwerkpartner nicht erledigt",
  },
  note: "Anmerkung",
  news: "Neue Informationen",
  newsHint: "Was der Tisch seit der letzten Sitzung wissen sollte. Keine Namen: verwenden Sie das Fallkennzeichen.",
  closureView: "Die Sicht Ihres Netzwerkpartners auf den Abschlussvorschlag",
  closureNone: "Noch keine Sicht",
  closureComment: "Begründung oder Anmerkung",
  submit: "Bericht einstellen",
  change: "Bericht ändern",
  posted: "Eingestellt von {{name}}, {{when}}.",
  saved: "Ihr Bericht ist eingestellt.",
  confirmed: "Vom Vorsitz bestätigt",
  errors: {
    empty:
      "Berichten Sie mindestens eines: den Stand einer Aufgabe, neue Informationen oder eine Sicht auf den Abschluss.",
    not_involved: "Ihr Netzwerkpartner ist an diesem Fall nicht beteiligt.",
    meeting_started: "Die Sitzung hat begonnen: Geben Sie den Bericht am Tisch.",
    unknown_task: "Diese Aufgabe ist für Ihren Netzwerkpartner nicht mehr offen.",
    no_open_proposal: "Zu diesem Fall liegt kein offener Abschlussvorschlag vor.",
    not_found: "Dieser Punkt steht nicht auf der Tagesordnung dieser Sitzung.",
  },
  room: {
    title: "Berichte der Netzwerkpartner",
    none: "Kein Netzwerkpartner hat zu diesem Punkt einen Bericht eingestellt.",
    confirm: "Bericht von {{agency}} bestätigen",
    confirmHint: "Setzt die genannten Aufgaben auf den berichteten Stand.",
    tasks: "Aufgaben",
    news: "Neue Informationen",
    closure: "Zum Abschluss",
  },
  minutes: { title: "Berichte der Netzwerkpartner" },
  settings: {
    title: "Berichte der Netzwerkpartner vor einer Sitzung",
    intro:
      "Die Mitglieder eines an einem Fall der Tagesordnung beteiligten Netzwerkpartners, der seinen Bericht noch nicht eingestellt hat, erhalten so viele Tage vor der Sitzung eine einzige Erinnerung per E-Mail.",
    days: "Erinnerung, in Tagen vor der Sitzung",
    daysHint: "Eine ganze Zahl von 1 bis 30; 3, sofern das Netzwerk nichts anderes festlegt.",
    daysRange: "Geben Sie eine ganze Zahl von Tagen von 1 bis 30 ein.",
  },
} satisfies Translation["updates"];

export default updates;
