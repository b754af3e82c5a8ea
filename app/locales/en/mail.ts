// The words of Casetable's mail and calendar entries: an i18next namespace of its own
// ("mail"), said only by the server, never sent to a browser. No case content: names of
// meetings and networks, case codes, dates and links are filled in.
const mail = {
  greeting: "Dear {{name}},",
  signature: "Casetable",
  doNotForward: "Do not forward this mail.",
  invitation: {
    subject: {
      invited: "Invitation: {{title}}, {{date}}",
      moved: "Changed: {{title}}, {{date}}",
      cancelled: "Cancelled: {{title}}, {{date}}",
    },
    opening: {
      invited: 'You are invited to "{{title}}" of {{network}}.',
      moved: 'The meeting "{{title}}" of {{network}} has changed. It is now:',
      cancelled: 'The meeting "{{title}}" of {{network}} is cancelled. It would have been:',
    },
    when: "When: {{start}} – {{end}} ({{timeZone}})",
    where: "Where: {{place}}",
    callLink: "Call link: {{link}}",
    guestSlot: "You are invited for your own item on the agenda: the time above is its planned slot.",
    removed: "The attached calendar entry removes it from your calendar.",
    pleaseAnswer: "Please answer (you will be asked to sign in; you can answer only for yourself):",
    answers: {
      attending: "I will attend",
      apologies: "I send apologies",
      delegate: "I send a delegate (name)",
    },
    calendarAttached: "A calendar entry is attached.",
  },
  calendar: {
    summary: "Case conference {{network}}: {{title}}",
    callLink: "Call link: {{link}}",
    nextMeeting: "Case conference {{network}}",
    nextMeetingFile: "next-meeting.ics",
  },
  minutes: {
    subject: "[{{classification}}] Minutes: {{title}}",
    byLink:
      'The minutes of "{{title}}" ({{date}}), {{network}}, version {{version}}, are ready. Sign in to download your own copy:',
    receipt: "Your download is recorded as your receipt. No copy is attached to this mail.",
    plans:
      "The action plans of the cases discussed that your agency works on are listed on the minutes page, to download after signing in:",
    attached: 'Attached are the minutes of "{{title}}" ({{date}}), {{network}}, version {{version}}.',
    marked: "They are marked {{classification}}: keep them to those who need them, and do not forward this mail.",
    nextMeeting: "The next meeting is on {{when}}; a calendar entry is attached.",
    nextMeetingAt: "The next meeting is on {{when}}, {{place}}; a calendar entry is attached.",
    file: "minutes-{{day}}-v{{version}}.pdf",
  },
  minutesReminder: {
    subject: "[{{classification}}] Minutes overdue: {{title}}",
    overdue: {
      approval:
        'The minutes of "{{title}}" ({{date}}), {{network}}, were due on {{due}} and have not yet been approved by the chair.',
      distribution:
        'The minutes of "{{title}}" ({{date}}), {{network}}, were due on {{due}} and have not yet been sent to the people invited.',
    },
    open: "Please open the meeting's minutes page in Casetable. This is the only reminder you will get for this step.",
  },
  actionPlan: {
    subject: "[{{classification}}] Action plan {{code}}, version {{version}}",
    attached:
      'Attached is the current action plan of case {{code}} (version {{version}}), as discussed at "{{title}}". Your agency is involved in this case.',
    marked: "It is marked {{classification}}: keep it to those who need it, and do not forward this mail.",
    file: "action-plan-{{code}}-v{{version}}.pdf",
  },
  updateReminder: {
    subject: "[{{classification}}] Update wanted before {{title}}",
    missing_one: 'Your agency has not yet posted its update on one item of "{{title}}" ({{when}}), {{network}}.',
    missing_other:
      'Your agency has not yet posted its update on {{count}} items of "{{title}}" ({{when}}), {{network}}.',
    please:
      "Please post what your agency has to report (progress on its tasks, new information, its view on a closure proposal) before the meeting starts, so the table can prepare.",
    signIn: "The page asks you to sign in.",
  },
  written: {
    subject: "Decision in writing: case {{code}}, your view by {{date}}",
    opening:
      "The chair of {{network}} has put a decision on case {{code}} to the involved agencies in writing: it cannot wait for the next meeting.",
    please:
      "You may decide for your agency. Please give its view (agree, disagree or abstain, with your reason) before the deadline:",
    deadline: "Deadline: {{when}} ({{timeZone}})",
    proposal: "Proposal: {{url}} (you will be asked to sign in)",
  },
  accessRequest: {
    subject: "To confirm: {{kind}}, case {{code}}",
    opening: "In {{network}}, the coordinator has asked for {{kind}} of case {{code}}, on the person's request.",
    fourEyes:
      "It is carried out only when a person holding the accountable officer's task, other than the one who asked, confirms it.",
    please: "Please confirm or decline it on the access requests page (you will be asked to sign in): {{url}}",
    kinds: {
      export: "an export of everything held",
      restrict: "a restriction",
      lift: "lifting the restriction",
      erase: "erasure",
    },
  },
};

export default mail;
