// Les présences d'après la connexion, le parcours de l'invité dans une réunion, et les notes hors ligne.
import type { Translation } from "../types.ts";

export default {
  attendance: {
    title: "Qui est là",
    notYet: "Pas encore là",
    apologies: "Excusé",
    apologiesDelegate: "Excusé ; {{name}} vient à sa place",
    answeredAttending: "A annoncé sa présence ; pas encore là",
    since: { in_room: "Dans la salle depuis {{time}}", on_screen: "À l'écran depuis {{time}}" },
    expected: { in_room: "Attendu dans la salle", on_screen: "Attendu à l'écran" },
    left: "Parti à {{time}}",
    byChair: "indiqué par le président",
    correct: "Corriger",
    correctOf: "Corriger la présence de {{name}}",
    correctTo: "Présence de {{name}}",
    close: "Terminé",
    choice: {
      legend: "Comment participez-vous ?",
      on_screen: "Sur mon propre écran",
      in_room: "Dans la salle",
      hint: "Vous êtes noté présent tant que cette page est ouverte ; l'heure de votre départ est consignée.",
    },
    summary_one: "{{count}} sur {{total}} présent",
    summary_other: "{{count}} sur {{total}} présents",
    summary_many: "{{count}} sur {{total}} présents",
  },
  guest: {
    yourItem: "Votre point",
    notStarted: "La réunion n'a pas encore commencé.",
    position_one: "Votre point est le {{place}} à l'ordre du jour : {{count}} point le précède.",
    position_other: "Votre point est le {{place}} à l'ordre du jour : {{count}} points le précèdent.",
    position_many: "Votre point est le {{place}} à l'ordre du jour : {{count}} points le précèdent.",
    next: "Votre point est le suivant.",
    ordinal_ordinal_one: "{{count}}er",
    ordinal_ordinal_other: "{{count}}e",
    waitHint: "Gardez cette page ouverte : elle change d'elle-même lorsque votre point commence.",
    doneTitle: "Votre point est traité",
    doneBody: "Merci pour votre contribution. Vous pouvez maintenant quitter la réunion.",
    leave: "Quitter la réunion",
    left: "Vous avez quitté la réunion. Vous pouvez fermer cette page.",
  },
} satisfies Translation["presence"];
