import type { Translation } from "../types.ts";

// Attendance from presence, the guest's way through a meeting, and offline notes.
export default {
  attendance: {
    title: "Wie is er",
    notYet: "Nog niet aanwezig",
    apologies: "Afgemeld",
    apologiesDelegate: "Afgemeld; {{name}} komt in de plaats",
    answeredAttending: "Heeft aanwezigheid gemeld; nog niet aanwezig",
    since: { in_room: "In de zaal sinds {{time}}", on_screen: "Via het scherm sinds {{time}}" },
    expected: { in_room: "Verwacht in de zaal", on_screen: "Verwacht via het scherm" },
    left: "Vertrokken om {{time}}",
    byChair: "ingesteld door de voorzitter",
    correct: "Corrigeren",
    correctOf: "De aanwezigheid van {{name}} corrigeren",
    correctTo: "Aanwezigheid van {{name}}",
    close: "Klaar",
    choice: {
      legend: "Hoe neemt u deel?",
      on_screen: "Via mijn eigen scherm",
      in_room: "In de zaal",
      hint: "U staat als aanwezig genoteerd zolang deze pagina open is; het tijdstip waarop u vertrekt, wordt vastgelegd.",
    },
    summary_one: "{{count}} van {{total}} aanwezig",
    summary_other: "{{count}} van {{total}} aanwezig",
  },
  guest: {
    yourItem: "Uw punt",
    notStarted: "Het overleg is nog niet begonnen.",
    position_one: "Uw punt is het {{place}} op de agenda: er komt {{count}} punt voor.",
    position_other: "Uw punt is het {{place}} op de agenda: er komen {{count}} punten voor.",
    next: "Uw punt is het volgende.",
    ordinal_ordinal_other: "{{count}}e",
    waitHint: "Houd deze pagina open: ze verandert vanzelf wanneer uw punt begint.",
    doneTitle: "Uw punt is afgerond",
    doneBody: "Dank u voor uw bijdrage. U kunt het overleg nu verlaten.",
    leave: "Het overleg verlaten",
    left: "U hebt het overleg verlaten. U kunt deze pagina sluiten.",
  },
} satisfies Translation["presence"];
