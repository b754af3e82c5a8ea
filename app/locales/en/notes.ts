export default {
  toolbar: "Formatting",
  bold: "Bold",
  italic: "Italic",
  heading2: "H2 heading",
  heading3: "H3 subheading",
  bulletList: "Bulleted list",
  orderedList: "1. Numbered list",
  link: "Link",
  linkPrompt: "Link address (leave empty to remove the link)",
  loading: "Loading the notes…",
  readOnly: "You can read these notes but not change them.",
  status: {
    connecting: "Connecting…",
    saved: "All changes saved",
    saving: "Saving…",
    offline: "Offline",
    offlinePending: "Offline: your changes are kept on this device and will be sent when the connection returns",
    refused: "These notes cannot be opened: {{reason}}",
    failed: "A change could not be saved: {{reason}}",
    retrying: {
      busy: "Not saved yet: the server's storage is busy; retrying",
      storage_unavailable: "Not saved yet: the server's storage is unavailable; retrying",
      internal: "Not saved yet: something went wrong on the server; retrying",
    },
  },
  scratch: {
    title: "Scratch notes",
    intro:
      "A shared notepad for this network, to try out collaborative notes outside a meeting. Everyone in the network can read and write it.",
    label: "Scratch notes of {{network}}",
  },
};
