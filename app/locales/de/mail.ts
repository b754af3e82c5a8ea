import type { ServerTranslation } from "../types.ts";

// Die Wörter der E-Mails und Kalendereinträge von Casetable (Namensraum „mail“).
const mail = {
  greeting: "Guten Tag {{name}},",
  signature: "Casetable",
  doNotForward: "Leiten Sie diese E-Mail nicht weiter.",
  invitation: {
    subject: {
      invited: "Einladung: {{title}}, {{date}}",
      moved: "Geändert: {{title}}, {{date}}",
      cancelled: "Abgesagt: {{title}}, {{date}}",
    },
    opening: {
      invited: "Sie sind zu „{{title}}“ von {{network}} eingeladen.",
      moved: "Die Sitzung „{{title}}“ von {{network}} hat sich geändert. Sie findet jetzt statt:",
      cancelled: "Die Sitzung „{{title}}“ von {{network}} ist abgesagt. Sie war geplant für:",
    },
    when: "Wann: {{start}} – {{end}} ({{timeZone}})",
    where: "Wo: {{place}}",
    callLink: "Link zur Online-Teilnahme: {{link}}",
    guestSlot: "Sie sind zu Ihrem eigenen Tagesordnungspunkt eingeladen: Die Zeit oben ist die dafür geplante.",
    removed: "Der beigefügte Kalendereintrag entfernt die Sitzung aus Ihrem Kalender.",
    pleaseAnswer:
      "Bitte antworten Sie (Sie werden gebeten, sich anzumelden; Sie können nur für sich selbst antworten):",
    answers: {
      attending: "Ich nehme teil",
      apologies: "Ich sage ab",
      delegate: "Ich schicke eine Vertretung (Name)",
    },
    calendarAttached: "Ein Kalendereintrag ist beigefügt.",
  },
  calendar: {
    summary: "Fallkonferenz {{network}}: {{title}}",
    callLink: "Link zur Online-Teilnahme: {{link}}",
    nextMeeting: "Fallkonferenz {{network}}",
    nextMeetingFile: "naechste-sitzung.ics",
  },
  minutes: {
    subject: "[{{classification}}] Protokoll: {{title}}",
    byLink:
      "Das Protokoll von „{{title}}“ ({{date}}), {{network}}, Version {{version}}, liegt vor. Melden Sie sich an, um Ihr eigenes Exemplar herunterzuladen:",
    receipt: "Ihr Download gilt als Empfangsbestätigung. Dieser E-Mail ist kein Exemplar beigefügt.",
    plans:
      "Die Maßnahmenpläne der besprochenen Fälle, an denen Ihre Stelle arbeitet, stehen auf der Seite des Protokolls und können nach der Anmeldung heruntergeladen werden:",
    attached: "Anbei das Protokoll von „{{title}}“ ({{date}}), {{network}}, Version {{version}}.",
    marked:
      "Es ist als {{classification}} eingestuft: Geben Sie es nur an Personen, die es brauchen, und leiten Sie diese E-Mail nicht weiter.",
    nextMeeting: "Die nächste Sitzung ist am {{when}}; ein Kalendereintrag ist beigefügt.",
    nextMeetingAt: "Die nächste Sitzung ist am {{when}}, {{place}}; ein Kalendereintrag ist beigefügt.",
    file: "protokoll-{{day}}-v{{version}}.pdf",
  },
  minutesReminder: {
    subject: "[{{classification}}] Protokoll überfällig: {{title}}",
    overdue: {
      approval:
        "Das Protokoll von „{{title}}“ ({{date}}), {{network}}, war bis {{due}} fällig und ist noch nicht vom Vorsitz genehmigt.",
      distribution:
        "Das Protokoll von „{{title}}“ ({{date}}), {{network}}, war bis {{due}} fällig und ist noch nicht an die Eingeladenen versandt.",
    },
    open: "Bitte öffnen Sie die Protokollseite der Sitzung in Casetable. Für diesen Schritt ist dies die einzige Erinnerung.",
  },
  actionPlan: {
    subject: "[{{classification}}] Maßnahmenplan {{code}}, Version {{version}}",
    attached:
      "Anbei der aktuelle Maßnahmenplan des Falls {{code}} (Version {{version}}), wie in „{{title}}“ besprochen. Ihre Stelle ist an diesem Fall beteiligt.",
    marked:
      "Er ist als {{classification}} eingestuft: Geben Sie ihn nur an Personen, die ihn brauchen, und leiten Sie diese E-Mail nicht weiter.",
    file: "massnahmenplan-{{code}}-v{{version}}.pdf",
  },
  updateReminder: {
    subject: "[{{classification}}] Bericht erbeten vor {{title}}",
    missing_one:
      "Ihre Stelle hat ihren Bericht zu einem Tagesordnungspunkt von „{{title}}“ ({{when}}), {{network}}, noch nicht eingestellt.",
    missing_other:
      "Ihre Stelle hat ihren Bericht zu {{count}} Tagesordnungspunkten von „{{title}}“ ({{when}}), {{network}}, noch nicht eingestellt.",
    please:
      "Bitte stellen Sie vor Beginn der Sitzung ein, was Ihre Stelle zu berichten hat (Stand ihrer Aufgaben, neue Informationen, ihre Stellungnahme zu einem Abschlussvorschlag), damit sich die Runde vorbereiten kann.",
    signIn: "Die Seite bittet Sie, sich anzumelden.",
  },
  written: {
    subject: "Schriftlicher Beschluss: Fall {{code}}, Ihre Stellungnahme bis {{date}}",
    opening:
      "Der Vorsitz von {{network}} legt den beteiligten Netzwerkpartnern einen Beschluss zum Fall {{code}} schriftlich vor: Er kann nicht bis zur nächsten Sitzung warten.",
    please:
      "Sie dürfen für Ihre Stelle entscheiden. Bitte geben Sie vor Ablauf der Frist ihre Stellungnahme ab (Zustimmung, Ablehnung oder Enthaltung, mit Begründung):",
    deadline: "Frist: {{when}} ({{timeZone}})",
    proposal: "Vorschlag: {{url}} (Sie werden gebeten, sich anzumelden)",
  },
  accessRequest: {
    subject: "Zu bestätigen: {{kind}}, Fall {{code}}",
    opening: "In {{network}} hat die Koordination auf Antrag der Person {{kind}} für Fall {{code}} beantragt.",
    fourEyes:
      "Der Antrag wird erst ausgeführt, wenn eine Person mit der Aufgabe der verantwortlichen Stelle, nicht die antragstellende, ihn bestätigt.",
    please:
      "Bitte bestätigen Sie ihn auf der Seite der Betroffenenanträge oder lehnen Sie ihn dort ab (Sie werden gebeten, sich anzumelden): {{url}}",
    kinds: {
      export: "einen Export aller gespeicherten Daten",
      restrict: "eine Einschränkung",
      lift: "die Aufhebung der Einschränkung",
      erase: "die Löschung",
    },
  },
} satisfies ServerTranslation["mail"];

export default mail;
