// Textes des mises à jour des partenaires avant la réunion (ticket 14, règle 1).
import type { Translation } from "../types.ts";

const updates = {
  title: "Mises à jour avant la réunion",
  link: "Mises à jour des partenaires",
  intro:
    "Chaque partenaire concerné par un cas à l'ordre du jour publie ici sa mise à jour avant la réunion : l'avancement de ses tâches ouvertes, les informations nouvelles et son avis sur une proposition de clôture. Les tâches ne changent que lorsque le président confirme la mise à jour en réunion.",
  back: "Retour à l'ordre du jour",
  reported_one: "{{reported}} partenaire sur {{expected}}",
  reported_other: "{{reported}} partenaires sur {{expected}}",
  reported_many: "{{reported}} partenaires sur {{expected}}",
  reportedTotal_one: "{{reported}} mise à jour publiée sur {{expected}}",
  reportedTotal_other: "{{reported}} mises à jour publiées sur {{expected}}",
  reportedTotal_many: "{{reported}} mises à jour publiées sur {{expected}}",
  overview: "Qui a fait sa mise à jour",
  item: "Point",
  agencies: "Partenaires",
  missing: "Pas encore : {{names}}",
  allReported: "Tous les partenaires concernés ont fait leur mise à jour.",
  reminder_one:
    "Les partenaires qui n'ont pas fait leur mise à jour reçoivent un rappel par courriel {{count}} jour avant la réunion (Paramètres).",
  reminder_other:
    "Les partenaires qui n'ont pas fait leur mise à jour reçoivent un rappel par courriel {{count}} jours avant la réunion (Paramètres).",
  reminder_many:
    "Les partenaires qui n'ont pas fait leur mise à jour reçoivent un rappel par courriel {{count}} jours avant la réunion (Paramètres).",
  yourItems: "Les points de votre partenaire ({{agency}})",
  noItems: "Votre partenaire n'est concerné par aucun cas de cet ordre du jour.",
  closed: "La réunion a commencé : les mises à jour se donnent désormais autour de la table.",
  cancelled: "Cette réunion a été annulée.",
  yourTasks: "Les tâches ouvertes de votre partenaire",
  noTasks: "Votre partenaire n'a aucune tâche ouverte sur ce cas.",
  progressFor: "Avancement : {{what}}",
  progressNone: "Rien à signaler",
  progress: {
    done: "Fait",
    in_progress: "Toujours en cours",
    circumstances_changed: "Plus possible : les circonstances ont changé",
    agency_not_done: "Non fait par le partenaire",
  },
  note: "Remarque",
  news: "Informations nouvelles",
  newsHint: "Ce que la table doit savoir depuis la dernière réunion. Aucun nom : utilisez le code du cas.",
  closureView: "L'avis de votre partenaire sur la proposition de clôture",
  closureNone: "Pas encore d'avis",
  closureComment: "Motif ou commentaire",
  submit: "Publier la mise à jour",
  change: "Modifier la mise à jour",
  posted: "Publiée par {{name}}, {{when}}.",
  saved: "Votre mise à jour est publiée.",
  confirmed: "Confirmée par le président",
  errors: {
    empty:
      "Indiquez au moins une chose : l'avancement d'une tâche, une information nouvelle ou un avis sur la clôture.",
    not_involved: "Votre partenaire n'est pas concerné par ce cas.",
    meeting_started: "La réunion a commencé : donnez la mise à jour autour de la table.",
    unknown_task: "Cette tâche n'est plus ouverte pour votre partenaire.",
    no_open_proposal: "Aucune proposition de clôture n'est ouverte sur ce cas.",
    not_found: "Ce point ne figure pas à l'ordre du jour de cette réunion.",
  },
  room: {
    title: "Mises à jour des partenaires",
    none: "Aucun partenaire n'a publié de mise à jour sur ce point.",
    confirm: "Confirmer la mise à jour de {{agency}}",
    confirmHint: "Met les tâches qu'elle cite dans l'état signalé.",
    tasks: "Tâches",
    news: "Informations nouvelles",
    closure: "Sur la clôture",
  },
  minutes: { title: "Mises à jour des partenaires" },
  settings: {
    title: "Mises à jour des partenaires avant une réunion",
    intro:
      "Les membres d'un partenaire concerné par un cas à l'ordre du jour qui n'a pas publié sa mise à jour reçoivent un seul rappel par courriel, ce nombre de jours avant la réunion.",
    days: "Rappel, en jours avant la réunion",
    daysHint: "Un nombre entier de 1 à 30 ; 3 sauf si le réseau en décide autrement.",
    daysRange: "Saisissez un nombre entier de jours entre 1 et 30.",
  },
} satisfies Translation["updates"];

export default updates;
