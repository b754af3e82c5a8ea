// Strings of the basis on which a case's information is shared (consent and its withdrawal).
const sharing = {
  title: "Sharing information",
  intro:
    "The basis on which the agencies share this case's information: consent, or another basis the network lists. Who obtained it and when stays on record, and so does a withdrawal.",
  bases: {
    person_consent: "Consent of the person",
    parent_consent: "Consent of a parent (minor)",
    guardian_consent: "Consent of a guardian (minor)",
    listed_basis: "Another basis the network lists (consent not sought)",
  },
  givers: { person: "the person", parent: "the parent", guardian: "the guardian" },
  state: {
    none: "No basis recorded",
    consent: "Consent given {{on}} by {{by}}",
    not_sought: "Consent not sought: basis {{basis}} ({{reference}})",
    withdrawn: "Consent withdrawn {{on}} (given by {{by}})",
  },
  withdrawnAdvice: "Share nothing new about this case until a basis is recorded again.",
  noneAdvice: "Record the basis before the agencies share information on this case.",
  fields: {
    legend: "Basis for sharing information",
    intro: "An adult's own consent, or another basis the network lists.",
    introMinor: "The person is a minor: a parent's or guardian's consent, or another basis the network lists.",
    basis: "Basis",
    listed: "Which listed basis",
    listedHint: "Only when consent is not sought.",
    noneListed: "The network lists no other basis yet (Settings).",
    caseReference: "Reference for this case (optional)",
    obtainedBy: "Obtained by",
    obtainedOn: "On",
  },
  record: "Record the basis",
  recordTitle: "Record a basis",
  recorded: "The basis is recorded.",
  withdrawTitle: "Consent withdrawn",
  withdrawIntro:
    "When the person (or their parent or guardian) withdraws consent, record it here: it shows on the next agenda.",
  withdrawnOn: "Withdrawn on",
  withdrawNote: "What was said (optional)",
  withdraw: "Record the withdrawal",
  withdrawnNotice: "The withdrawal is recorded; it will show on the next agenda.",
  history: "History",
  historyLine: "Recorded by {{recorder}}, {{when}}",
  obtainedByLine: "Obtained by {{name}}",
  settings: {
    title: "Bases for sharing without consent",
    intro:
      "Besides consent, the bases on which your network may share a case's information (a statutory duty, a covenant), each with its reference. A basis no longer offered stays on the cases recorded on it.",
    name: "Name",
    reference: "Reference",
    add: "Add the basis",
    retire: "Stop offering {{name}}",
    none: "None listed yet.",
    added: "The basis is added.",
    retired: "The basis is no longer offered.",
  },
  errors: {
    chooseBasis: "Choose the basis.",
    chooseListed: "Choose which listed basis.",
    basisDoesNotFit: "A minor's consent is given by a parent or guardian; an adult's by the person.",
    unknownListed: "That basis is not (or no longer) listed by the network.",
    unknownMember: "Choose a member of the network.",
    inFuture: "That day is still to come.",
    noConsent: "There is no consent on record to withdraw.",
  },
};

export default sharing;
