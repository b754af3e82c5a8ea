import type { Translation } from "../types.ts";

// The retention schedule and its purge (decision 0033).
export default {
  title: "Bewaartermijnen",
  intro:
    "Casetable bewaart elke soort gegevens alleen zo lang als dit schema zegt. Elke dag (en bij elke start) verwijdert de opschoning wat over zijn termijn is: ze wist de rijen en bestanden, laat geen kopie op schijf achter, en schrijft een vermelding in het logboek die zegt hoeveel er verdween, nooit wat erin stond.",
  fromSettings: "Bewaartermijnen en opschoning",
  settings: {
    title: "Schema",
    save: "Het schema opslaan",
    saved: "Schema opgeslagen.",
    unchanged: "Niets gewijzigd.",
    identityYears: "Identiteit van een afgesloten casus (jaren)",
    identityYearsHint:
      "Naam, geboortedatum, adres en contactgegevens van de betrokkene, en wie de casus meldde, na de laatste controle tijdens de opvolging (of de afsluiting, als er geen was). De code, de vastleggingen en de cijfers blijven.",
    auditAddressDays: "Adressen in het logboek (dagen)",
    auditAddressDaysHint:
      "Het netwerkadres van elke vermelding. De vermelding zelf blijft; de keten blijft controleerbaar. Inloggen, dat bij geen netwerk hoort, volgt de kortste termijn van alle netwerken.",
    intakeAddressDays: "Adressen van melders via een meldlink (dagen)",
    intakeAddressDaysHint: "Het netwerkadres van een eerstelijnswerker die via een meldlink een melding stuurde.",
    mailDays: "Mailbestanden (dagen na bezorging)",
    mailDaysHint:
      "De .eml-bestanden van verstuurde mails in de uitgaande map. De gegevens van elke verzending (aan wie, wanneer, de hash) blijven.",
    minutesYears: "Gearchiveerde verslagen (jaren na goedkeuring)",
    minutesYearsHint:
      "De gearchiveerde pdf en de punten van de goedgekeurde versie. Wie ze goedkeurde en wanneer, en de aanwezigheid, blijven.",
    caseYears: "Hele afgesloten casus (jaren)",
    caseYearsHint:
      "Alles wat over de casus is geschreven: de samenvatting, de woorden van de signalen, analyses, inschattingen, de onderbouwing en standpunten van besluiten, plannen, taken, afsluiting, aantekeningen en de formulering van de verslagpunten, na de laatste controle tijdens de opvolging van de casus. De code, de fasen, de data en de cijfers blijven. Gearchiveerde verslagen volgen hun eigen termijn.",
    range: {
      identityYears: "Een geheel aantal jaren van 1 tot 30.",
      auditAddressDays: "Een geheel aantal dagen van 7 tot 730.",
      intakeAddressDays: "Een geheel aantal dagen van 1 tot 365.",
      mailDays: "Een geheel aantal dagen van 1 tot 365.",
      minutesYears: "Een geheel aantal jaren van 1 tot 50.",
      caseYears: "Een geheel aantal jaren van 1 tot 50.",
    },
  },
  due: {
    title: "Wat de opschoning in de komende {{days}} dagen verwijdert",
    what: "Wat",
    count: "Hoeveel",
    from: "Vanaf",
    cases: "Casussen",
    nothing: "Er vervalt niets in de komende {{days}} dagen.",
    kinds: {
      identity: "Identiteiten van afgesloten casussen",
      auditAddresses: "Adressen in het logboek",
      intakeAddresses: "Adressen van melders via een meldlink",
      mail: "Mailbestanden",
      minutes: "Gearchiveerde verslagen",
      case: "Inhoud van afgesloten casussen",
    },
  },
  runs: {
    title: "Laatste opschoningen",
    none: "De opschoning heeft in dit netwerk nog niets verwijderd.",
    at: "Wanneer",
    removed: "Verwijderd",
    count: "{{what}}: {{count}}",
  },
} satisfies Translation["retention"];
