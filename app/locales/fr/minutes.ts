// Textes du procès-verbal : relecture, approbation, diffusion, archives.
import type { Translation } from "../types.ts";

export default {
  title: "Procès-verbal",
  link: "Procès-verbal de cette réunion",
  back: "Retour à la réunion",
  notEnded: "Le procès-verbal est rédigé une fois la réunion terminée.",
  status: {
    heading: "Où en est le procès-verbal",
    draft:
      "Projet, établi à partir du compte rendu de la réunion tel qu'il est maintenant. Le président l'approuve ; l'approbation le fige en version {{version}}.",
    approved: "La version {{version}} est approuvée et archivée. Le coordinateur la diffuse.",
    distributed:
      "La version {{version}} a été libérée pour diffusion le {{when}} ; les envois ci-dessous montrent où en est chaque courriel.",
  },
  preview: {
    heading: "Le document",
    hint: "S'ouvre dans un nouvel onglet. Chaque destinataire reçoit une copie ne contenant que les points que son partenaire peut voir ; ceci est le compte rendu complet.",
    openDraft: "Ouvrir le projet en PDF",
    openCorrection: "Ouvrir le compte rendu tel qu'il est maintenant, projet de la version {{next}} (PDF)",
    open: "Ouvrir la version {{version}} (PDF)",
    yourCopy: "Votre copie de la version {{version}} (PDF)",
  },
  wording: {
    heading: "Rédaction par point",
    intro:
      "Rédigez le texte du procès-verbal pour chaque point avant l'approbation du président. Il part des décisions et des notes prises en séance ; le PDF l'imprime à côté des décisions, avis et tâches consignés, qui ne changent que par une correction du compte rendu.",
    item: "Point {{number}} : {{title}}",
    caseItem: "Point {{number}} · {{code}} : {{title}}",
    save: "Enregistrer la rédaction",
    saving: "Enregistrement…",
    unsaved: "Modifications pas encore enregistrées.",
    saved: "Enregistré le {{when}}.",
    neverSaved: "Pas encore enregistré : d'ici là, le PDF imprime les notes prises en séance.",
    errors: {
      invalid: "Ce texte n'a pas pu être lu. Rechargez la page et réessayez.",
      approved:
        "Le procès-verbal est approuvé : sa rédaction ne change plus. Une correction passe par le compte rendu.",
    },
  },
  changes: {
    heading: "Modifications depuis le premier projet du coordinateur",
    intro: "Les mots supprimés sont barrés, les mots ajoutés soulignés.",
    none: "Aucune modification depuis le premier projet.",
    added: "ajouté",
    removed: "supprimé",
  },
  approve: {
    heading: "Approuver",
    intro:
      "L'approbation fige le procès-verbal en l'état : le compte rendu, et le PDF avec son empreinte, sont archivés et ne changent plus.",
    correctionIntro:
      "Le compte rendu a été corrigé depuis l'approbation de la version {{version}}. L'approbation crée la version {{next}} ; la version antérieure reste disponible.",
    changeNote: "Ce qui a changé et pourquoi",
    changeNoteHint:
      "Affiché avec la nouvelle version, p. ex. « Point 3 : deux mois et non un, à la demande du service de santé mentale. »",
    submit: "Approuver le procès-verbal",
    submitCorrection: "Approuver la version {{next}}",
    done: "La version {{version}} est approuvée et archivée.",
  },
  distribute: {
    heading: "Diffuser",
    intro:
      "Chaque personne invitée, présente ou non, reçoit sa propre copie par courriel avec l'entrée d'agenda de la prochaine réunion. Les partenaires impliqués dans chaque cas examiné reçoivent son plan d'action (par lien : listé sur cette page, rien en pièce jointe).",
    submit: "Diffuser la version {{version}}",
    done_one:
      "La version {{version}} est en route : {{count}} courriel. Chaque envoi s'affiche ci-dessous au fur et à mesure.",
    done_other:
      "La version {{version}} est en route : {{count}} courriels. Chaque envoi s'affiche ci-dessous au fur et à mesure.",
    done_many:
      "La version {{version}} est en route : {{count}} courriels. Chaque envoi s'affiche ci-dessous au fur et à mesure.",
  },
  deadline: {
    listLabel: "Procès-verbaux en attente",
    of: "Procès-verbal : {{title}}",
    due: "Échéance le {{date}}",
    awaiting_approval: "En attente de l'approbation du président, échéance le {{date}}",
    approval_overdue: "En retard : non approuvé, échéance le {{date}}",
    awaiting_distribution: "Approuvé, à diffuser d'ici le {{date}}",
    distribution_overdue: "En retard : approuvé mais non diffusé, échéance le {{date}}",
  },
  settings: {
    title: "Procès-verbaux",
    intro:
      "Quand les procès-verbaux sont dus, et comment les procès-verbaux à diffusion restreinte parviennent aux personnes invitées. Dans les deux cas, le courriel lui-même ne contient aucun contenu de cas.",
    dueDays: "Délai du procès-verbal, en jours ouvrables après la réunion",
    dueDaysHint: "Du lundi au vendredi. Trois est l'usage courant (MARAC).",
    dueDaysRange: "Saisissez un nombre entier de jours ouvrables entre 1 et 30.",
    delivery: "Mode de remise des copies",
    deliveryHint:
      "Par lien, le courriel annonce que le procès-verbal est prêt ; chaque personne se connecte pour télécharger sa propre copie, et le téléchargement vaut accusé de réception.",
    deliveries: {
      attach: "Joindre la copie de chaque personne au courriel",
      link: "Envoyer un avis avec un lien qui demande une connexion",
    },
  },
  deliveries: {
    heading: "Envois",
    none: "Rien n'a encore été envoyé.",
    summary: "Version {{version}} : {{sent}} sur {{total}} envoyés.",
    summaryWaiting_one: "{{count}} en attente d'envoi.",
    summaryWaiting_other: "{{count}} en attente d'envoi.",
    summaryWaiting_many: "{{count}} en attente d'envoi.",
    summaryAttention_one: "{{count}} demande votre attention.",
    summaryAttention_other: "{{count}} demandent votre attention.",
    summaryAttention_many: "{{count}} demandent votre attention.",
    version: "Version",
    to: "À",
    what: "Quoi",
    status: "Statut",
    attempts: "Tentatives",
    receipt: "Ouvert",
    attached: "Joint au courriel",
    opened: "Téléchargé le {{when}}",
    notOpened: "Pas encore ouvert",
    minutes: "Procès-verbal",
    actionPlan: "Plan d'action {{code}}",
    pending: "En attente d'envoi",
    sending: "Envoi en cours…",
    sent: "Envoyé",
    failed: "Pas encore remis : {{reason}}",
    nextAttempt: "Nouvelle tentative automatique le {{when}}.",
    refused: "Refusé par le serveur de courriel : {{reason}}",
    unknown: "Inconnu : peut-être arrivé ({{reason}})",
    /** Why a mail was not delivered, when the reason is ours and not the mail server's words. */
    reasons: {
      no_answer: "Le serveur de courriel n'a pas répondu à temps",
      unreachable: "Le serveur de courriel n'a pas pu être joint",
      not_composed: "Le courriel n'a pas pu être composé (le journal du serveur dit pourquoi)",
      stopped_after_data:
        "Le serveur s'est arrêté après que le serveur de courriel a reçu tout le message, avant sa réponse",
    },
    unknownExplained:
      "Inconnu signifie que le serveur de courriel a reçu le message entier sans le confirmer. Il est peut-être arrivé ; il n'est donc pas renvoyé, sauf si vous le décidez.",
    retry: "Réessayer maintenant",
    retryLabel: "Réessayer maintenant : {{what}} à {{name}}",
    resend: "Renvoyer quand même",
    resendLabel: "Renvoyer quand même : {{what}} à {{name}} (le même message, reconnaissable comme doublon)",
  },
  plans: {
    heading: "Plans d'action",
    intro:
      "Les plans d'action en vigueur des cas examinés sur lesquels votre partenaire travaille. Chaque téléchargement est consigné.",
    download: "Plan d'action {{code}} (PDF)",
  },
  versions: {
    heading: "Versions",
    none: "Aucune version n'a encore été approuvée.",
    version: "Version",
    approved: "Approuvée",
    approvedBy: "Approuvée par",
    change: "Ce qui a changé et pourquoi",
    fingerprint: "SHA-256",
    first: "Première version",
  },
  errors: {
    changeNoteRequired: "Indiquez ce qui a changé depuis la dernière version, et pourquoi.",
    nothingChanged: "Rien n'a changé dans le compte rendu depuis la dernière version.",
    notEnded: "La réunion n'est pas encore terminée.",
    approvedMeanwhile:
      "La version {{version}} vient d'être approuvée par quelqu'un d'autre. Rechargez la page pour la voir.",
    nothingToSend: "Il n'y a pas de version approuvée à diffuser.",
    alreadySent: "Cette version a déjà été diffusée.",
    notWaiting:
      "Ce courriel ne vous attend plus : il est déjà en cours de renvoi, ou a été réglé. Le tableau montre où il en est.",
  },
} satisfies Translation["minutes"];
