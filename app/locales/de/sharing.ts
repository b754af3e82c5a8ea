// Texte zur Grundlage, auf der Informationen eines Falls geteilt werden (Einwilligung und Widerruf).
import type { Translation } from "../types.ts";

const sharing = {
  title: "Informationsaustausch",
  intro:
    "Die Grundlage, auf der die Netzwerkpartner die Informationen dieses Falls austauschen: Einwilligung oder eine andere Grundlage, die das Netzwerk führt. Wer sie wann eingeholt hat, bleibt festgehalten, ebenso ein Widerruf.",
  bases: {
    person_consent: "Einwilligung der Person",
    parent_consent: "Einwilligung eines Elternteils (minderjährig)",
    guardian_consent: "Einwilligung des Vormunds (minderjährig)",
    listed_basis: "Eine andere vom Netzwerk geführte Grundlage (keine Einwilligung eingeholt)",
  },
  givers: { person: "die Person", parent: "der Elternteil", guardian: "der Vormund" },
  state: {
    none: "Keine Grundlage festgehalten",
    consent: "Einwilligung erteilt am {{on}} durch {{by}}",
    not_sought: "Keine Einwilligung eingeholt: Grundlage {{basis}} ({{reference}})",
    withdrawn: "Einwilligung widerrufen am {{on}} (erteilt durch {{by}})",
  },
  withdrawnAdvice: "Teilen Sie nichts Neues zu diesem Fall, bis wieder eine Grundlage festgehalten ist.",
  noneAdvice: "Halten Sie die Grundlage fest, bevor die Netzwerkpartner Informationen zu diesem Fall austauschen.",
  fields: {
    legend: "Grundlage für den Informationsaustausch",
    intro: "Die eigene Einwilligung eines Erwachsenen oder eine andere Grundlage, die das Netzwerk führt.",
    introMinor:
      "Die Person ist minderjährig: die Einwilligung eines Elternteils oder des Vormunds oder eine andere Grundlage, die das Netzwerk führt.",
    basis: "Grundlage",
    listed: "Welche geführte Grundlage",
    listedHint: "Nur wenn keine Einwilligung eingeholt wird.",
    noneListed: "Das Netzwerk führt noch keine andere Grundlage (Einstellungen).",
    caseReference: "Aktenzeichen für diesen Fall (optional)",
    obtainedBy: "Eingeholt von",
    obtainedOn: "Am",
  },
  record: "Grundlage festhalten",
  recordTitle: "Grundlage festhalten",
  recorded: "Die Grundlage ist festgehalten.",
  withdrawTitle: "Einwilligung widerrufen",
  withdrawIntro:
    "Wenn die Person (oder ihr Elternteil oder Vormund) die Einwilligung widerruft, halten Sie es hier fest: Es erscheint auf der nächsten Tagesordnung.",
  withdrawnOn: "Widerrufen am",
  withdrawNote: "Was gesagt wurde (optional)",
  withdraw: "Widerruf festhalten",
  withdrawnNotice: "Der Widerruf ist festgehalten; er erscheint auf der nächsten Tagesordnung.",
  history: "Verlauf",
  historyLine: "Festgehalten von {{recorder}}, {{when}}",
  obtainedByLine: "Eingeholt von {{name}}",
  settings: {
    title: "Grundlagen für den Austausch ohne Einwilligung",
    intro:
      "Neben der Einwilligung die Grundlagen, auf denen Ihr Netzwerk die Informationen eines Falls austauschen darf (eine gesetzliche Pflicht, eine Kooperationsvereinbarung), jeweils mit Fundstelle. Eine nicht mehr angebotene Grundlage bleibt bei den Fällen, die auf ihr festgehalten wurden.",
    name: "Name",
    reference: "Fundstelle",
    add: "Grundlage hinzufügen",
    retire: "{{name}} nicht mehr anbieten",
    none: "Noch keine geführt.",
    added: "Die Grundlage ist hinzugefügt.",
    retired: "Die Grundlage wird nicht mehr angeboten.",
  },
  errors: {
    chooseBasis: "Wählen Sie die Grundlage.",
    chooseListed: "Wählen Sie die geführte Grundlage.",
    basisDoesNotFit:
      "Die Einwilligung für Minderjährige erteilt ein Elternteil oder der Vormund, die eines Erwachsenen die Person selbst.",
    unknownListed: "Diese Grundlage wird vom Netzwerk nicht (mehr) geführt.",
    unknownMember: "Wählen Sie ein Mitglied des Netzwerks.",
    inFuture: "Dieser Tag liegt noch in der Zukunft.",
    noConsent: "Es ist keine Einwilligung festgehalten, die widerrufen werden könnte.",
  },
} satisfies Translation["sharing"];

export default sharing;
