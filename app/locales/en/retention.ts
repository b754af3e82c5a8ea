// The retention schedule and its purge (decision 0033).
export default {
  title: "Retention",
  intro:
    "Casetable keeps each kind of data only as long as this schedule says. Every day (and at each start) the purge removes what is past its period: it deletes the rows and files, leaves no copy on disk, and writes an audit entry that names how much went, never what it said.",
  fromSettings: "Retention schedule and purge",
  settings: {
    title: "Schedule",
    save: "Save the schedule",
    saved: "Schedule saved.",
    unchanged: "Nothing changed.",
    identityYears: "Identity of a closed case (years)",
    identityYearsHint:
      "The subject's name, date of birth, address and contacts, and who reported the case, after the case's last fade-out check (or its closing, when it had none). The code, the record and the figures stay.",
    auditAddressDays: "Addresses in the audit log (days)",
    auditAddressDaysHint:
      "The network address of each entry. The entry itself stays; the chain still verifies. Sign-ins, which belong to no network, follow the shortest period of all networks.",
    intakeAddressDays: "Addresses of intake senders (days)",
    intakeAddressDaysHint: "The network address of a front-line worker who sent a report through an intake link.",
    mailDays: "Mail files (days after delivery)",
    mailDaysHint:
      "The .eml files of sent mails in the outbox. The record of each delivery (to whom, when, its hash) stays.",
    minutesYears: "Archived minutes (years after approval)",
    minutesYearsHint:
      "The archived PDF and the items of the approved version. Who approved it and when, and the attendance, stay.",
    caseYears: "Whole closed case (years)",
    caseYearsHint:
      "Everything written about the case: the summary, the signals' words, analyses, assessments, decisions' rationale and views, plans, tasks, closure, notes and the coordinator's wording of its minutes items, after the case's last fade-out check. The code, the stages, the dates and the figures stay. Archived minutes follow their own period.",
    range: {
      identityYears: "A whole number of years from 1 to 30.",
      auditAddressDays: "A whole number of days from 7 to 730.",
      intakeAddressDays: "A whole number of days from 1 to 365.",
      mailDays: "A whole number of days from 1 to 365.",
      minutesYears: "A whole number of years from 1 to 50.",
      caseYears: "A whole number of years from 1 to 50.",
    },
  },
  due: {
    title: "What the purge removes in the next {{days}} days",
    what: "What",
    count: "How many",
    from: "From",
    cases: "Cases",
    nothing: "Nothing is due in the next {{days}} days.",
    kinds: {
      identity: "Identities of closed cases",
      auditAddresses: "Addresses in the audit log",
      intakeAddresses: "Addresses of intake senders",
      mail: "Mail files",
      minutes: "Archived minutes",
      case: "Content of closed cases",
    },
  },
  runs: {
    title: "Last purges",
    none: "The purge has not removed anything in this network yet.",
    at: "When",
    removed: "Removed",
    count: "{{what}}: {{count}}",
  },
};
