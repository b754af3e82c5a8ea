// Attendance from presence, the guest's way through a meeting, and offline notes.
export default {
  attendance: {
    title: "Who is here",
    notYet: "Not yet here",
    apologies: "Apologies",
    since: { in_room: "In the room since {{time}}", on_screen: "On screen since {{time}}" },
    expected: { in_room: "Expected in the room", on_screen: "Expected on screen" },
    left: "Left at {{time}}",
    byChair: "set by the chair",
    correct: "Correct",
    correctOf: "Correct the attendance of {{name}}",
    correctTo: "Attendance of {{name}}",
    close: "Done",
    choice: {
      legend: "How are you taking part?",
      on_screen: "On my own screen",
      in_room: "In the room",
      hint: "You are marked present while this page is open; the time you leave is recorded.",
    },
    summary_one: "{{count}} of {{total}} here",
    summary_other: "{{count}} of {{total}} here",
  },
};
