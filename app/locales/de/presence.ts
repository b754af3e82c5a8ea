// Anwesenheit aus der Verbindung, der Weg eines Gastes durch die Sitzung und Offline-Notizen.
import type { Translation } from "../types.ts";

export default {
  attendance: {
    title: "Wer ist da",
    notYet: "Noch nicht da",
    apologies: "Abgesagt",
    apologiesDelegate: "Abgesagt; {{name}} kommt als Vertretung",
    answeredAttending: "Hat die Teilnahme zugesagt; noch nicht da",
    since: { in_room: "Im Raum seit {{time}}", on_screen: "Am Bildschirm seit {{time}}" },
    expected: { in_room: "Im Raum erwartet", on_screen: "Am Bildschirm erwartet" },
    left: "Gegangen um {{time}}",
    byChair: "vom Vorsitz eingetragen",
    correct: "Berichtigen",
    correctOf: "Anwesenheit von {{name}} berichtigen",
    correctTo: "Anwesenheit von {{name}}",
    close: "Fertig",
    choice: {
      legend: "Wie nehmen Sie teil?",
      on_screen: "An meinem eigenen Bildschirm",
      in_room: "Im Raum",
      hint: "Sie gelten als anwesend, solange diese Seite offen ist; die Uhrzeit Ihres Gehens wird festgehalten.",
    },
    summary_one: "{{count}} von {{total}} da",
    summary_other: "{{count}} von {{total}} da",
  },
  guest: {
    yourItem: "Ihr Punkt",
    notStarted: "Die Sitzung hat noch nicht begonnen.",
    position_one: "Ihr Punkt steht an {{place}} Stelle der Tagesordnung: {{count}} Punkt kommt davor.",
    position_other: "Ihr Punkt steht an {{place}} Stelle der Tagesordnung: {{count}} Punkte kommen davor.",
    next: "Ihr Punkt ist als Nächstes dran.",
    ordinal_ordinal_other: "{{count}}.",
    waitHint: "Lassen Sie diese Seite offen: Sie ändert sich von selbst, wenn Ihr Punkt beginnt.",
    doneTitle: "Ihr Punkt ist erledigt",
    doneBody: "Vielen Dank für Ihren Beitrag. Sie können die Sitzung jetzt verlassen.",
    leave: "Sitzung verlassen",
    left: "Sie haben die Sitzung verlassen. Sie können diese Seite schließen.",
  },
} satisfies Translation["presence"];
