import type { Draft, Translation } from "../types.ts";

export default {
  title: "Bewaartermijnen",
  intro:
    "Casetable bewaart elke soort gegevens alleen zo lang als dit schema zegt. Elke dag (en bij elke start) verwijdert de opschoning wat over zijn termijn is: ze wist de rijen en bestanden, laat geen kopie op schijf achter, en schrijft een regel in het logboek die zegt hoeveel er verdween, nooit wat erin stond.",
  fromSettings: "Bewaartermijnen en opschoning",
  settings: {
    title: "Schema",
    save: "Schema opslaan",
    saved: "Schema opgeslagen.",
    unchanged: "Er is niets veranderd.",
    identityYears: "Identiteit bij een afgesloten casus (jaren)",
    identityYearsHint:
      "Naam, geboortedatum, adres en contactgegevens van de persoon, en wie de melder was, na de laatste afbouwcontrole van de casus (of de afsluiting, als er geen was). De code, de geschiedenis en de cijfers blijven.",
    auditAddressDays: "Adressen in het logboek (dagen)",
    auditAddressDaysHint:
      "Het netwerkadres bij elke regel. De regel zelf blijft; de keten klopt nog steeds. Aanmeldingen, die bij geen netwerk horen, volgen de kortste termijn van alle netwerken.",
    intakeAddressDays: "Adressen van melders via een meldlink (dagen)",
    intakeAddressDaysHint: "Het netwerkadres van een eerstelijnswerker die een signaal doorgaf via een meldlink.",
    mailDays: "Mailbestanden (dagen na verzending)",
    mailDaysHint:
      "De .eml-bestanden van verzonden mails in de outbox. Wat van elke verzending bijgehouden wordt (aan wie, wanneer, de hash) blijft.",
    minutesYears: "Gearchiveerde verslagen (jaren na goedkeuring)",
    minutesYearsHint:
      "De gearchiveerde pdf en de agendapunten van de goedgekeurde versie. Wie ze goedkeurde en wanneer, en de aanwezigheid, blijven.",
    range: {
      identityYears: "Een geheel aantal jaren van 1 tot 30.",
      auditAddressDays: "Een geheel aantal dagen van 7 tot 730.",
      intakeAddressDays: "Een geheel aantal dagen van 1 tot 365.",
      mailDays: "Een geheel aantal dagen van 1 tot 365.",
      minutesYears: "Een geheel aantal jaren van 1 tot 50.",
    },
  },
  due: {
    title: "Wat de opschoning de komende {{days}} dagen verwijdert",
    what: "Wat",
    count: "Hoeveel",
    from: "Vanaf",
    cases: "Casussen",
    nothing: "De komende {{days}} dagen valt er niets onder de opschoning.",
    kinds: {
      identity: "Identiteiten bij afgesloten casussen",
      auditAddresses: "Adressen in het logboek",
      intakeAddresses: "Adressen van melders via een meldlink",
      mail: "Mailbestanden",
      minutes: "Gearchiveerde verslagen",
    },
  },
  runs: {
    title: "Laatste opschoningen",
    none: "De opschoning heeft in dit netwerk nog niets verwijderd.",
    at: "Wanneer",
    removed: "Verwijderd",
    count: "{{what}}: {{count}}",
  },
} satisfies Draft<Translation["retention"]>;
