import type { Translation } from "../types.ts";

// Les demandes d'une personne concernée sur un cas : accès, limitation, effacement (decision 0038).
export default {
  nav: "Demandes des personnes",
  title: "Demandes des personnes concernées",
  intro:
    "Lorsqu'une personne demande ce que le réseau conserve à son sujet, demande que son cas soit limité ou qu'il soit effacé, le coordinateur enregistre la demande ici avec le code du cas. Une autre personne, l'agent responsable, la confirme ou la refuse ; ce n'est qu'alors qu'elle est exécutée. Chaque étape figure au journal d'audit, sans contenu.",
  steps: {
    title: "Les étapes",
    ask: "Le coordinateur enregistre la demande de la personne pour un cas.",
    confirm: "L'agent responsable (jamais celui qui l'a demandée) la vérifie, puis la confirme ou la refuse.",
    carry:
      "Une fois confirmée : l'export peut être téléchargé par l'un et l'autre pendant {{days}} jours ; une limitation masque le cas aussitôt ; un effacement supprime aussitôt le contenu et l'identité du cas.",
  },
  kinds: {
    export: "Export de tout ce qui est conservé",
    restrict: "Limitation",
    lift: "Levée d'une limitation",
    erase: "Effacement",
  },
  kindHints: {
    export:
      "Un ZIP avec un PDF et data.json : identité, dossier du cas, signalements, décisions avec les avis, évaluations, plans d'action, tâches, clôture, ainsi que les notes de réunion et les points du procès-verbal sur le cas.",
    restrict:
      "Le cas est conservé mais n'est pas utilisé : seuls le coordinateur et l'agent responsable le voient ; aucun ordre du jour ne le reprend et aucun exemplaire du procès-verbal ne le contient, jusqu'à la levée de la limitation.",
    lift: "Le cas est de nouveau vu et utilisé comme avant.",
    erase:
      "L'identité et tout ce qui a été écrit sur le cas sont supprimés maintenant, comme la durée de conservation le ferait plus tard. Le code, les étapes et les dates restent. C'est irréversible.",
  },
  ask: {
    title: "Enregistrer une demande",
    code: "Code du cas",
    codeHint: "Par exemple C-2026-0007.",
    kind: "Ce que la personne demande",
    submit: "Enregistrer la demande",
    asked: "La demande est enregistrée. L'agent responsable est invité à la confirmer.",
  },
  list: {
    title: "Demandes",
    none: "Aucune demande pour l'instant.",
    case: "Cas",
    kind: "Demande",
    askedBy: "Demandée par",
    status: "État",
    actions: "Étape suivante",
    on: "{{name}}, {{at}}",
  },
  statuses: {
    open: "En attente de l'agent responsable",
    confirmed: "Confirmée par {{name}}, {{at}}",
    declined: "Refusée par {{name}}, {{at}}",
    withdrawn: "Retirée par {{name}}, {{at}}",
  },
  confirm: "Confirmer et exécuter",
  decline: "Refuser",
  withdraw: "Retirer",
  download: "Télécharger l'export (ZIP)",
  waitOther: "Une autre personne ayant la tâche d'agent responsable la confirme.",
  confirmed: {
    export: "Confirmée. L'export peut être téléchargé pendant {{days}} jours.",
    restrict: "Confirmée. Le cas est limité.",
    lift: "Confirmée. La limitation est levée.",
    erase: "Confirmée. Le contenu et l'identité du cas sont effacés.",
  },
  declined: "La demande est refusée.",
  withdrawn: "La demande est retirée.",
  errors: {
    code: "Saisissez le code d'un cas de ce réseau.",
    kind: "Choisissez ce que la personne demande.",
    unknownCase: "Ce réseau n'a aucun cas avec ce code.",
    open_already: "Une demande de ce type attend déjà pour ce cas.",
    restricted_already: "Ce cas est déjà limité.",
    not_restricted: "Ce cas n'est pas limité.",
    erased: "Le contenu de ce cas a été effacé ; il ne reste rien à demander.",
    settled_already: "Il a déjà été répondu à cette demande.",
  },
  restricted: "Limité",
} satisfies Translation["accessRequests"];
