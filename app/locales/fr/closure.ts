// Textes de la clôture d'un cas.
import type { Translation } from "../types.ts";

const closure = {
  title: "Clôture",
  notYet: "Un cas peut être proposé à la clôture lorsqu'il est en cours ou en suivi.",
  isClosed:
    "Ce cas est clôturé. Il peut être rouvert par décision depuis le dossier du cas ; son historique est conservé.",
  answers: { yes: "Oui", partly: "En partie", no: "Non", unknown: "Inconnu" },
  propose: {
    title: "Proposer de clôturer ce cas",
    answer: "Réponse",
    rationale: "Pourquoi clôturer maintenant",
    rationaleHint: "Clôturez sur objectifs : ce qui a changé, et qui prend le relais.",
    submit: "Proposer la clôture",
  },
  proposed: "La clôture a été proposée. Chaque partenaire impliqué donne maintenant son avis.",
  withdrawn: "La proposition de clôture a été retirée.",
  viewGiven: "L'avis de votre partenaire a été consigné.",
  signedOff: "Le cas est clôturé. Les contrôles de sortie progressive sont planifiés.",
  withdraw: "Retirer la proposition",
  open: { title: "Clôture proposée", proposedAt: "Proposée le {{when}}" },
  views: {
    title: "Les avis des partenaires",
    agency: "Partenaire",
    view: "Avis",
    comment: "Commentaire",
    waiting: "En attente",
    yours: "L'avis de votre partenaire",
    submit: "Donner notre avis",
  },
  viewLabels: { agree: "Pour", disagree: "Contre", abstain: "Abstention" },
  signOff: {
    title: "Validation par l'agent responsable",
    waiting: "En attente des avis de : {{agencies}}.",
    comment: "Commentaire accompagnant votre validation",
    submit: "Valider et clôturer le cas",
  },
  refused: {
    wrong_stage: "Seul un cas en cours ou en suivi peut être proposé à la clôture.",
    already_proposed: "Une proposition de clôture est déjà sur la table.",
    no_open_proposal: "Il n'y a pas de proposition de clôture sur la table.",
    views_missing: "Chaque partenaire impliqué doit donner son avis avant la validation.",
    not_involved: "Votre partenaire n'est pas impliqué dans ce cas.",
    same_stage: "Le cas est déjà clôturé.",
    not_allowed: "Le cas ne peut pas être clôturé depuis son étape.",
    closure_needs_sign_off: "L'agent responsable doit valider.",
    active_needs_plan: "Le cas n'a pas de plan.",
  },
  past: "Propositions antérieures",
  status: { closed: "Clôturée", withdrawn: "Retirée", open: "Ouverte" },
  signOffComment: "Commentaire de validation : {{comment}}",
} satisfies Translation["closure"];

export default closure;
