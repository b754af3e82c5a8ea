// Strings of the case register: the case file, the register list, closure, report.
const cases = {
  nav: {
    signals: "Signal inbox",
    newSignal: "Register a signal",
    cases: "Cases",
    report: "Evaluation",
    intake: "Intake links",
    settings: "Settings",
  },
  minor: "Minor: child protection may lead",
  fileNavigation: "Case file",
  tabs: {
    file: "Case file",
    analysis: "First analysis",
    assessments: "Assessments",
    plan: "Action plan",
    planVersions: "Plan versions",
    closure: "Closure",
  },
  outcomes: {
    regular_care: "Handed to regular care",
    security_referral: "Referred to security services",
    no_further_action: "No further action",
    closed_by_decision: "Closed by decision",
  },
};

export default cases;
