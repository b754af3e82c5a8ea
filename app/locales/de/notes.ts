import type { Translation } from "../types.ts";

export default {
  toolbar: "Formatierung",
  bold: "Fett",
  italic: "Kursiv",
  heading2: "Überschrift H2",
  heading3: "Zwischenüberschrift H3",
  bulletList: "Aufzählung",
  orderedList: "1. Nummerierte Liste",
  link: "Link",
  linkPrompt: "Linkadresse (leer lassen, um den Link zu entfernen)",
  loading: "Notizen werden geladen…",
  readOnly: "Sie können diese Notizen lesen, aber nicht ändern.",
  status: {
    connecting: "Verbindung wird hergestellt…",
    saved: "Alle Änderungen gespeichert",
    saving: "Wird gespeichert…",
    offline: "Offline",
    offlinePending:
      "Offline: Ihre Änderungen bleiben auf diesem Gerät und werden gesendet, sobald die Verbindung zurück ist",
    refused: "Diese Notizen können nicht geöffnet werden: {{reason}}",
    failed: "Eine Änderung konnte nicht gespeichert werden: {{reason}}",
    retrying: {
      busy: "Noch nicht gespeichert: Der Speicher des Servers ist ausgelastet; neuer Versuch",
      storage_unavailable: "Noch nicht gespeichert: Der Speicher des Servers ist nicht verfügbar; neuer Versuch",
      internal: "Noch nicht gespeichert: Auf dem Server ist ein Fehler aufgetreten; neuer Versuch",
    },
  },
  scratch: {
    title: "Notizblock",
    intro:
      "Ein gemeinsamer Notizblock für dieses Netzwerk, um gemeinsame Notizen außerhalb einer Sitzung auszuprobieren. Alle im Netzwerk können ihn lesen und darin schreiben.",
    label: "Notizblock von {{network}}",
  },
} satisfies Translation["notes"];
