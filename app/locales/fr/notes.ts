import type { Translation } from "../types.ts";

export default {
  toolbar: "Mise en forme",
  bold: "Gras",
  italic: "Italique",
  heading2: "Titre H2",
  heading3: "Sous-titre H3",
  bulletList: "Liste à puces",
  orderedList: "1. Liste numérotée",
  link: "Lien",
  linkPrompt: "Adresse du lien (laisser vide pour supprimer le lien)",
  loading: "Chargement des notes…",
  readOnly: "Vous pouvez lire ces notes, mais pas les modifier.",
  status: {
    connecting: "Connexion…",
    saved: "Toutes les modifications sont enregistrées",
    saving: "Enregistrement…",
    offline: "Hors ligne",
    offlinePending:
      "Hors ligne : vos modifications sont conservées sur cet appareil et seront envoyées au retour de la connexion",
    refused: "Ces notes ne peuvent pas être ouvertes : {{reason}}",
    failed: "Une modification n'a pas pu être enregistrée : {{reason}}",
    retrying: {
      busy: "Pas encore enregistré : le stockage du serveur est occupé ; nouvelle tentative",
      storage_unavailable: "Pas encore enregistré : le stockage du serveur est indisponible ; nouvelle tentative",
      internal: "Pas encore enregistré : un problème est survenu sur le serveur ; nouvelle tentative",
    },
  },
  scratch: {
    title: "Bloc-notes",
    intro:
      "Un bloc-notes partagé pour ce réseau, pour essayer les notes collaboratives en dehors d'une réunion. Tout le réseau peut le lire et y écrire.",
    label: "Bloc-notes de {{network}}",
  },
} satisfies Translation["notes"];
