import type { ServerTranslation } from "../types.ts";

// Les mots des courriels et des entrées d'agenda de Casetable (espace de noms « mail »).
const mail = {
  greeting: "Bonjour {{name}},",
  signature: "Casetable",
  doNotForward: "Ne transférez pas ce courriel.",
  invitation: {
    subject: {
      invited: "Invitation : {{title}}, {{date}}",
      moved: "Modifiée : {{title}}, {{date}}",
      cancelled: "Annulée : {{title}}, {{date}}",
    },
    opening: {
      invited: "Vous êtes invité à « {{title}} » de {{network}}.",
      moved: "La réunion « {{title}} » de {{network}} a changé. Elle a désormais lieu :",
      cancelled: "La réunion « {{title}} » de {{network}} est annulée. Elle devait avoir lieu :",
    },
    when: "Quand : {{start}} – {{end}} ({{timeZone}})",
    where: "Où : {{place}}",
    callLink: "Lien pour participer à distance : {{link}}",
    guestSlot:
      "Vous êtes invité pour votre propre point de l'ordre du jour : l'heure ci-dessus est le moment prévu pour ce point.",
    removed: "L'entrée d'agenda jointe la retire de votre agenda.",
    pleaseAnswer:
      "Merci de répondre (il vous sera demandé de vous connecter ; vous ne pouvez répondre que pour vous-même) :",
    answers: {
      attending: "Je serai présent",
      apologies: "Je m'excuse",
      delegate: "J'envoie un représentant (nom)",
    },
    calendarAttached: "Une entrée d'agenda est jointe.",
  },
  calendar: {
    summary: "Concertation de cas {{network}} : {{title}}",
    callLink: "Lien pour participer à distance : {{link}}",
    nextMeeting: "Concertation de cas {{network}}",
    nextMeetingFile: "prochaine-reunion.ics",
  },
  minutes: {
    subject: "[{{classification}}] Procès-verbal : {{title}}",
    byLink:
      "Le procès-verbal de « {{title}} » ({{date}}), {{network}}, version {{version}}, est prêt. Connectez-vous pour télécharger votre propre exemplaire :",
    receipt: "Votre téléchargement vaut accusé de réception. Aucun exemplaire n'est joint à ce courriel.",
    plans:
      "Les plans d'action des cas discutés dont votre service s'occupe sont listés sur la page du procès-verbal, à télécharger après connexion :",
    attached: "Vous trouverez ci-joint le procès-verbal de « {{title}} » ({{date}}), {{network}}, version {{version}}.",
    marked:
      "Il porte la mention {{classification}} : réservez-le à ceux qui en ont besoin et ne transférez pas ce courriel.",
    nextMeeting: "La prochaine réunion aura lieu le {{when}} ; une entrée d'agenda est jointe.",
    nextMeetingAt: "La prochaine réunion aura lieu le {{when}}, {{place}} ; une entrée d'agenda est jointe.",
    file: "proces-verbal-{{day}}-v{{version}}.pdf",
  },
  minutesReminder: {
    subject: "[{{classification}}] Procès-verbal en retard : {{title}}",
    overdue: {
      approval:
        "Le procès-verbal de « {{title}} » ({{date}}), {{network}}, était attendu pour le {{due}} et n'a pas encore été approuvé par le président.",
      distribution:
        "Le procès-verbal de « {{title}} » ({{date}}), {{network}}, était attendu pour le {{due}} et n'a pas encore été envoyé aux personnes invitées.",
    },
    open: "Ouvrez la page du procès-verbal de cette réunion dans Casetable. C'est le seul rappel que vous recevrez pour cette étape.",
  },
  actionPlan: {
    subject: "[{{classification}}] Plan d'action {{code}}, version {{version}}",
    attached:
      "Vous trouverez ci-joint le plan d'action actuel du cas {{code}} (version {{version}}), tel que discuté lors de « {{title}} ». Votre service est concerné par ce cas.",
    marked:
      "Il porte la mention {{classification}} : réservez-le à ceux qui en ont besoin et ne transférez pas ce courriel.",
    file: "plan-d-action-{{code}}-v{{version}}.pdf",
  },
  updateReminder: {
    subject: "[{{classification}}] Mise à jour attendue avant {{title}}",
    missing_one:
      "Votre service n'a pas encore publié sa mise à jour sur un point de « {{title}} » ({{when}}), {{network}}.",
    missing_many:
      "Votre service n'a pas encore publié sa mise à jour sur {{count}} points de « {{title}} » ({{when}}), {{network}}.",
    missing_other:
      "Votre service n'a pas encore publié sa mise à jour sur {{count}} points de « {{title}} » ({{when}}), {{network}}.",
    please:
      "Merci de publier avant le début de la réunion ce que votre service a à signaler (l'avancement de ses tâches, des informations nouvelles, son avis sur une proposition de clôture), afin que la table puisse se préparer.",
    signIn: "La page vous demandera de vous connecter.",
  },
  written: {
    subject: "Décision par écrit : cas {{code}}, votre avis avant le {{date}}",
    opening:
      "Le président de {{network}} soumet par écrit aux partenaires concernés une décision sur le cas {{code}} : elle ne peut pas attendre la prochaine réunion.",
    please:
      "Vous pouvez décider pour votre service. Merci de donner son avis (pour, contre ou abstention, avec votre motif) avant l'échéance :",
    deadline: "Échéance : {{when}} ({{timeZone}})",
    proposal: "Proposition : {{url}} (il vous sera demandé de vous connecter)",
  },
  accessRequest: {
    subject: "À confirmer : {{kind}}, cas {{code}}",
    opening: "Dans {{network}}, le coordinateur a demandé {{kind}} du cas {{code}}, à la demande de la personne.",
    fourEyes:
      "La demande n'est exécutée que lorsqu'une personne chargée de la fonction de responsable, autre que celle qui l'a faite, la confirme.",
    please:
      "Veuillez la confirmer ou la refuser sur la page des demandes des personnes (il vous sera demandé de vous connecter) : {{url}}",
    kinds: {
      export: "un export de tout ce qui est conservé",
      restrict: "une limitation",
      lift: "la levée de la limitation",
      erase: "l'effacement",
    },
  },
} satisfies ServerTranslation["mail"];

export default mail;
