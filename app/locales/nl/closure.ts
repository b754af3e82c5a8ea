import type { Translation } from "../types.ts";

// Strings of closing a case.
const closure = {
  title: "Afsluiting",
  notYet: "Een casus kan voor afsluiting worden voorgedragen zodra hij actief of in opvolging is.",
  isClosed:
    "Deze casus is afgesloten. Hij kan bij besluit vanuit het casusdossier worden heropend; de geschiedenis blijft.",
  answers: { yes: "Ja", partly: "Gedeeltelijk", no: "Nee", unknown: "Onbekend" },
  propose: {
    title: "Voorstellen deze casus af te sluiten",
    answer: "Antwoord",
    rationale: "Waarom nu afsluiten",
    rationaleHint: "Sluit af op de doelen: wat is er veranderd, en wie gaat verder.",
    submit: "Afsluiting voorstellen",
  },
  proposed: "De afsluiting is voorgesteld. Elke betrokken organisatie geeft nu haar standpunt.",
  withdrawn: "Het voorstel tot afsluiting is ingetrokken.",
  viewGiven: "Het standpunt van uw organisatie is vastgelegd.",
  signedOff: "De casus is afgesloten. De controles tijdens de opvolging zijn ingepland.",
  withdraw: "Het voorstel intrekken",
  open: { title: "Afsluiting voorgesteld", proposedAt: "Voorgesteld {{when}}" },
  views: {
    title: "De standpunten van de organisaties",
    agency: "Organisatie",
    view: "Standpunt",
    comment: "Toelichting",
    waiting: "Nog niet gegeven",
    yours: "Het standpunt van uw organisatie",
    submit: "Ons standpunt geven",
  },
  viewLabels: { agree: "Akkoord", disagree: "Niet akkoord", abstain: "Onthouding" },
  signOff: {
    title: "Akkoord van de eindverantwoordelijke",
    waiting: "Wacht op het standpunt van: {{agencies}}.",
    comment: "Toelichting bij uw akkoord",
    submit: "Akkoord geven en de casus afsluiten",
  },
  refused: {
    wrong_stage: "Alleen een actieve casus of een casus in opvolging kan voor afsluiting worden voorgedragen.",
    already_proposed: "Er ligt al een voorstel tot afsluiting op tafel.",
    no_open_proposal: "Er ligt geen voorstel tot afsluiting op tafel.",
    views_missing: "Elke betrokken organisatie moet haar standpunt geven vóór het akkoord.",
    not_involved: "Uw organisatie is niet betrokken bij deze casus.",
    same_stage: "De casus is al afgesloten.",
    not_allowed: "De casus kan vanuit zijn fase niet worden afgesloten.",
    closure_needs_sign_off: "De eindverantwoordelijke moet akkoord geven.",
    active_needs_plan: "De casus heeft geen plan.",
  },
  past: "Eerdere voorstellen",
  status: { closed: "Afgesloten", withdrawn: "Ingetrokken", open: "Open" },
  signOffComment: "Toelichting bij het akkoord: {{comment}}",
} satisfies Translation["closure"];

export default closure;
