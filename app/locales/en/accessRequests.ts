// A data subject's requests about one case: export, restriction, erasure (decision 0038).
export default {
  nav: "Access requests",
  title: "Access requests",
  intro:
    "When a person asks what the network holds about them, asks that their case be restricted, or asks that it be erased, the coordinator records the request here by the case's code. Another person, the accountable officer, confirms or declines it; only then is it carried out. Every step is in the audit log, without content.",
  steps: {
    title: "The steps",
    ask: "The coordinator records the person's request for one case.",
    confirm: "The accountable officer (never the one who asked) checks it and confirms or declines it.",
    carry:
      "Once confirmed: an export can be downloaded by the two of them for {{days}} days; a restriction hides the case at once; an erasure removes the case's content and identity at once.",
  },
  kinds: {
    export: "Export of everything held",
    restrict: "Restriction",
    lift: "Lifting of a restriction",
    erase: "Erasure",
  },
  kindHints: {
    export:
      "A ZIP with a PDF and data.json: identity, case file, signals, decisions with views, assessments, plans, tasks, closure, and the meeting notes and minutes items about the case.",
    restrict:
      "The case is kept but not used: only the coordinator and the accountable officer see it; no agenda takes it and no copy of minutes holds it, until the restriction is lifted.",
    lift: "The case is seen and used again as before.",
    erase:
      "The identity and everything written about the case are removed now, as the retention schedule would later. The code, the stages and the dates stay. This cannot be undone.",
  },
  ask: {
    title: "Record a request",
    code: "Case code",
    codeHint: "For example C-2026-0007.",
    kind: "What the person asks",
    submit: "Record the request",
    asked: "The request is recorded. The accountable officer is asked to confirm it.",
  },
  list: {
    title: "Requests",
    none: "No requests yet.",
    case: "Case",
    kind: "Request",
    askedBy: "Asked by",
    status: "Status",
    actions: "Next step",
    on: "{{name}}, {{at}}",
  },
  statuses: {
    open: "Waiting for the accountable officer",
    confirmed: "Confirmed by {{name}}, {{at}}",
    declined: "Declined by {{name}}, {{at}}",
    withdrawn: "Withdrawn by {{name}}, {{at}}",
  },
  confirm: "Confirm and carry out",
  decline: "Decline",
  withdraw: "Withdraw",
  download: "Download the export (ZIP)",
  waitOther: "Another person with the accountable officer's task confirms it.",
  confirmed: {
    export: "Confirmed. The export can be downloaded for {{days}} days.",
    restrict: "Confirmed. The case is restricted.",
    lift: "Confirmed. The restriction is lifted.",
    erase: "Confirmed. The case's content and identity are erased.",
  },
  declined: "The request is declined.",
  withdrawn: "The request is withdrawn.",
  errors: {
    code: "Enter the code of a case of this network.",
    kind: "Choose what the person asks.",
    unknownCase: "This network has no case with that code.",
    open_already: "A request of this kind is already waiting for this case.",
    restricted_already: "This case is already restricted.",
    not_restricted: "This case is not restricted.",
    erased: "This case's content has been erased; nothing is left to ask for.",
    settled_already: "This request was already answered.",
  },
  restricted: "Restricted",
};
