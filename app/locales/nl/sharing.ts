import type { Translation } from "../types.ts";

// Strings of the basis on which a case's information is shared (consent and its withdrawal).
const sharing = {
  title: "Gegevensdeling",
  intro:
    "De grondslag waarop de organisaties de gegevens van deze casus delen: toestemming, of een andere grondslag die het netwerk vermeldt. Wie ze verkreeg en wanneer blijft vastgelegd, net als een intrekking.",
  bases: {
    person_consent: "Toestemming van de betrokkene",
    parent_consent: "Toestemming van een ouder (minderjarige)",
    guardian_consent: "Toestemming van een voogd (minderjarige)",
    listed_basis: "Een andere grondslag die het netwerk vermeldt (geen toestemming gevraagd)",
  },
  givers: { person: "de betrokkene", parent: "de ouder", guardian: "de voogd" },
  state: {
    none: "Geen grondslag vastgelegd",
    consent: "Toestemming gegeven op {{on}} door {{by}}",
    not_sought: "Geen toestemming gevraagd: grondslag {{basis}} ({{reference}})",
    withdrawn: "Toestemming ingetrokken op {{on}} (gegeven door {{by}})",
  },
  withdrawnAdvice: "Deel niets nieuws over deze casus tot er opnieuw een grondslag is vastgelegd.",
  noneAdvice: "Leg de grondslag vast voordat de organisaties gegevens over deze casus delen.",
  fields: {
    legend: "Grondslag voor gegevensdeling",
    intro: "De eigen toestemming van een meerderjarige, of een andere grondslag die het netwerk vermeldt.",
    introMinor:
      "De betrokkene is minderjarig: toestemming van een ouder of voogd, of een andere grondslag die het netwerk vermeldt.",
    basis: "Grondslag",
    listed: "Welke vermelde grondslag",
    listedHint: "Alleen als er geen toestemming wordt gevraagd.",
    noneListed: "Het netwerk vermeldt nog geen andere grondslag (Instellingen).",
    caseReference: "Referentie voor deze casus (niet verplicht)",
    obtainedBy: "Verkregen door",
    obtainedOn: "Op",
  },
  record: "De grondslag vastleggen",
  recordTitle: "Een grondslag vastleggen",
  recorded: "De grondslag is vastgelegd.",
  withdrawTitle: "Toestemming ingetrokken",
  withdrawIntro:
    "Als de betrokkene (of de ouder of voogd) de toestemming intrekt, leg dat hier vast: het verschijnt op de volgende agenda.",
  withdrawnOn: "Ingetrokken op",
  withdrawNote: "Wat er gezegd werd (niet verplicht)",
  withdraw: "De intrekking vastleggen",
  withdrawnNotice: "De intrekking is vastgelegd; ze verschijnt op de volgende agenda.",
  history: "Geschiedenis",
  historyLine: "Vastgelegd door {{recorder}}, {{when}}",
  obtainedByLine: "Verkregen door {{name}}",
  settings: {
    title: "Grondslagen voor delen zonder toestemming",
    intro:
      "Naast toestemming de grondslagen waarop uw netwerk de gegevens van een casus mag delen (een wettelijke plicht, een convenant), elk met de referentie. Een grondslag die niet meer wordt aangeboden, blijft staan bij de casussen die erop zijn vastgelegd.",
    name: "Naam",
    reference: "Referentie",
    add: "De grondslag toevoegen",
    retire: "{{name}} niet meer aanbieden",
    none: "Nog geen vermeld.",
    added: "De grondslag is toegevoegd.",
    retired: "De grondslag wordt niet meer aangeboden.",
  },
  errors: {
    chooseBasis: "Kies de grondslag.",
    chooseListed: "Kies welke vermelde grondslag.",
    basisDoesNotFit:
      "Voor een minderjarige geeft een ouder of voogd toestemming; voor een meerderjarige de betrokkene zelf.",
    unknownListed: "Die grondslag wordt (niet meer) door het netwerk vermeld.",
    unknownMember: "Kies een lid van het netwerk.",
    inFuture: "Die dag moet nog komen.",
    noConsent: "Er is geen vastgelegde toestemming om in te trekken.",
  },
} satisfies Translation["sharing"];

export default sharing;
