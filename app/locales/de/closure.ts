// Texte zum Abschluss eines Falls.
import type { Translation } from "../types.ts";

const closure = {
  title: "Abschluss",
  notYet: "Ein Fall kann zum Abschluss vorgeschlagen werden, sobald er aktiv oder in Beobachtung ist.",
  isClosed:
    "Dieser Fall ist abgeschlossen. Er kann per Beschluss in der Fallakte wiedereröffnet werden; sein Verlauf bleibt erhalten.",
  answers: { yes: "Ja", partly: "Teilweise", no: "Nein", unknown: "Unbekannt" },
  propose: {
    title: "Abschluss dieses Falls vorschlagen",
    answer: "Antwort",
    rationale: "Warum jetzt abschließen",
    rationaleHint: "Schließen Sie anhand der Ziele ab: Was hat sich geändert, und wer übernimmt?",
    submit: "Abschluss vorschlagen",
  },
  proposed: "Der Abschluss wurde vorgeschlagen. Jeder beteiligte Netzwerkpartner gibt nun seine Stellungnahme ab.",
  withdrawn: "Der Abschlussvorschlag wurde zurückgezogen.",
  viewGiven: "Die Stellungnahme Ihres Netzwerkpartners wurde festgehalten.",
  signedOff: "Der Fall ist abgeschlossen. Die Nachsorgeprüfungen sind geplant.",
  withdraw: "Vorschlag zurückziehen",
  open: { title: "Abschluss vorgeschlagen", proposedAt: "Vorgeschlagen am {{when}}" },
  views: {
    title: "Die Stellungnahmen der Netzwerkpartner",
    agency: "Netzwerkpartner",
    view: "Stellungnahme",
    comment: "Kommentar",
    waiting: "Ausstehend",
    yours: "Die Stellungnahme Ihres Netzwerkpartners",
    submit: "Unsere Stellungnahme abgeben",
  },
  viewLabels: { agree: "Zustimmung", disagree: "Ablehnung", abstain: "Enthaltung" },
  signOff: {
    title: "Freigabe durch die verantwortliche Leitung",
    waiting: "Es fehlen noch die Stellungnahmen von: {{agencies}}.",
    comment: "Kommentar zu Ihrer Freigabe",
    submit: "Freigeben und Fall abschließen",
  },
  refused: {
    wrong_stage: "Nur ein aktiver Fall oder ein Fall in Beobachtung kann zum Abschluss vorgeschlagen werden.",
    already_proposed: "Es liegt bereits ein Abschlussvorschlag vor.",
    no_open_proposal: "Es liegt kein Abschlussvorschlag vor.",
    views_missing: "Jeder beteiligte Netzwerkpartner muss vor der Freigabe seine Stellungnahme abgeben.",
    not_involved: "Ihr Netzwerkpartner ist an diesem Fall nicht beteiligt.",
    same_stage: "Der Fall ist bereits abgeschlossen.",
    not_allowed: "Der Fall kann aus seiner Phase heraus nicht abgeschlossen werden.",
    closure_needs_sign_off: "Die verantwortliche Leitung muss den Abschluss freigeben.",
    active_needs_plan: "Der Fall hat keinen Maßnahmenplan.",
  },
  past: "Frühere Vorschläge",
  status: { closed: "Abgeschlossen", withdrawn: "Zurückgezogen", open: "Offen" },
  signOffComment: "Kommentar zur Freigabe: {{comment}}",
} satisfies Translation["closure"];

export default closure;
