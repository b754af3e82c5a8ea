// Strings of the minutes: review, approval, distribution, archive.
export default {
  title: "Minutes",
  link: "Minutes of this meeting",
  back: "Back to the meeting",
  notEnded: "Minutes are written once the meeting has ended.",
  status: {
    heading: "Where the minutes stand",
    draft:
      "Draft, built from the meeting's record as it stands now. The chair approves it; approval freezes it as version {{version}}.",
    approved: "Version {{version}} is approved and archived. The coordinator sends it.",
    distributed:
      "Version {{version}} was released for sending on {{when}}; the deliveries below show where each mail stands.",
  },
  preview: {
    heading: "The document",
    // The PDF cannot be embedded: the security policy forbids any page framing it.
    hint: "Opens in a new tab. Each recipient gets a copy with only the items their agency may see; this is the full record.",
    openDraft: "Open the draft PDF",
    openCorrection: "Open the record as it stands now, the draft of version {{next}} (PDF)",
    open: "Open version {{version}} (PDF)",
    yourCopy: "Your copy of version {{version}} (PDF)",
  },
  wording: {
    heading: "Wording per item",
    intro:
      "Write the minutes' text of each item before the chair approves. It starts from the decisions and the notes taken in the room; the PDF prints it beside the recorded decisions, views and tasks, which change only by a correction of the record.",
    item: "Item {{number}}: {{title}}",
    caseItem: "Item {{number}} · {{code}}: {{title}}",
    save: "Save the wording",
    saving: "Saving…",
    unsaved: "Changes not saved yet.",
    saved: "Saved {{when}}.",
    neverSaved: "Not saved yet: until it is, the PDF prints the notes taken in the room.",
    errors: {
      invalid: "This text could not be read. Reload the page and try again.",
      approved: "The minutes are approved: their wording no longer changes. A correction goes through the record.",
    },
  },
  changes: {
    heading: "Changes since the coordinator's first draft",
    intro: "Removed words are struck through, added words underlined.",
    none: "No change since the first draft.",
    added: "added",
    removed: "removed",
  },
  approve: {
    heading: "Approve",
    intro:
      "Approving freezes the minutes as they stand: the record, and the PDF with its fingerprint, are archived and no longer change.",
    correctionIntro:
      "The record has been corrected since version {{version}} was approved. Approving makes version {{next}}; the earlier version stays available.",
    changeNote: "What changed and why",
    changeNoteHint:
      'Shown with the new version, e.g. "Item 3: two months, not one, as the mental health service asked."',
    submit: "Approve the minutes",
    submitCorrection: "Approve version {{next}}",
    done: "Version {{version}} is approved and archived.",
  },
  distribute: {
    heading: "Send",
    intro:
      "Every invited person, present or not, gets their own copy by mail with the next meeting's calendar entry. The agencies involved in each case discussed get its action plan (by link: listed on this page, nothing attached).",
    submit: "Send version {{version}}",
    done_one: "Version {{version}} is on its way: {{count}} mail. Each delivery below shows as it goes.",
    done_other: "Version {{version}} is on its way: {{count}} mails. Each delivery below shows as it goes.",
  },
  deadline: {
    listLabel: "Minutes waiting",
    of: "Minutes: {{title}}",
    due: "Due {{date}}",
    awaiting_approval: "Awaiting the chair's approval, due {{date}}",
    approval_overdue: "Overdue: not approved, due {{date}}",
    awaiting_distribution: "Approved, to be sent by {{date}}",
    distribution_overdue: "Overdue: approved but not sent, due {{date}}",
  },
  settings: {
    title: "Minutes",
    intro:
      "When minutes are due, and how restricted minutes reach the people invited. Either way the mail itself holds no case content.",
    dueDays: "Minutes due, in working days after the meeting",
    dueDaysHint: "Monday to Friday. Three is the usual habit (MARAC).",
    dueDaysRange: "Enter a whole number of working days from 1 to 30.",
    delivery: "How copies are delivered",
    deliveryHint:
      "By link, the mail says the minutes are ready; each person signs in to download their own copy, and the download is their receipt.",
    deliveries: {
      attach: "Attach each person's copy to the mail",
      link: "Send a notice with a link that needs sign-in",
    },
  },
  deliveries: {
    heading: "Deliveries",
    none: "Nothing has been sent yet.",
    summary: "Version {{version}}: {{sent}} of {{total}} sent.",
    summaryWaiting_one: "{{count}} waiting to be sent.",
    summaryWaiting_other: "{{count}} waiting to be sent.",
    summaryAttention_one: "{{count}} needs your attention.",
    summaryAttention_other: "{{count}} need your attention.",
    version: "Version",
    to: "To",
    what: "What",
    status: "Status",
    attempts: "Attempts",
    receipt: "Opened",
    attached: "Attached to the mail",
    opened: "Downloaded {{when}}",
    notOpened: "Not yet opened",
    minutes: "Minutes",
    actionPlan: "Action plan {{code}}",
    pending: "Waiting to be sent",
    sending: "Sending…",
    sent: "Sent",
    failed: "Not delivered yet: {{reason}}",
    nextAttempt: "Tried again automatically at {{when}}.",
    refused: "Refused by the mail server: {{reason}}",
    unknown: "Unknown: may have arrived ({{reason}})",
    /** Why a mail was not delivered, when the reason is ours and not the mail server's words. */
    reasons: {
      no_answer: "The mail server did not answer in time",
      unreachable: "The mail server could not be reached",
      not_composed: "The mail could not be composed (the server log has why)",
      stopped_after_data: "The server stopped after the mail server had the whole message, before it answered",
    },
    unknownExplained:
      "Unknown means the mail server had the whole message but did not confirm it. It may have arrived, so it is not sent again unless you decide so.",
    retry: "Try again now",
    retryLabel: "Try again now: {{what}} to {{name}}",
    resend: "Send again anyway",
    resendLabel: "Send again anyway: {{what}} to {{name}} (the same message, recognisable as a duplicate)",
  },
  plans: {
    heading: "Action plans",
    intro: "The current action plans of the cases discussed that your agency works on. Each download is recorded.",
    download: "Action plan {{code}} (PDF)",
  },
  versions: {
    heading: "Versions",
    none: "No version has been approved yet.",
    version: "Version",
    approved: "Approved",
    approvedBy: "Approved by",
    change: "What changed and why",
    fingerprint: "SHA-256",
    first: "First version",
  },
  errors: {
    changeNoteRequired: "Say what changed since the last version, and why.",
    nothingChanged: "Nothing in the record has changed since the last version.",
    notEnded: "The meeting has not ended yet.",
    approvedMeanwhile: "Version {{version}} was approved by someone else a moment ago. Reload the page to see it.",
    nothingToSend: "There is no approved version to send.",
    alreadySent: "This version has already been sent.",
    notWaiting:
      "This mail is no longer waiting for you: it is already being sent again, or has been settled. The table shows where it stands.",
  },
};
