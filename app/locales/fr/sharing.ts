// Textes de la base sur laquelle les informations d'un cas sont partagées (consentement et retrait).
import type { Translation } from "../types.ts";

const sharing = {
  title: "Partage d'informations",
  intro:
    "La base sur laquelle les partenaires partagent les informations de ce cas : le consentement, ou une autre base que le réseau répertorie. Qui l'a obtenu et quand reste consigné, de même qu'un retrait.",
  bases: {
    person_consent: "Consentement de la personne",
    parent_consent: "Consentement d'un parent (mineur)",
    guardian_consent: "Consentement d'un tuteur (mineur)",
    listed_basis: "Une autre base répertoriée par le réseau (consentement non demandé)",
  },
  givers: { person: "la personne", parent: "le parent", guardian: "le tuteur" },
  state: {
    none: "Aucune base consignée",
    consent: "Consentement donné le {{on}} par {{by}}",
    not_sought: "Consentement non demandé : base {{basis}} ({{reference}})",
    withdrawn: "Consentement retiré le {{on}} (donné par {{by}})",
  },
  withdrawnAdvice: "Ne partagez rien de nouveau sur ce cas tant qu'une base n'est pas de nouveau consignée.",
  noneAdvice: "Consignez la base avant que les partenaires partagent des informations sur ce cas.",
  fields: {
    legend: "Base du partage d'informations",
    intro: "Le consentement de l'adulte lui-même, ou une autre base que le réseau répertorie.",
    introMinor:
      "La personne est mineure : le consentement d'un parent ou d'un tuteur, ou une autre base que le réseau répertorie.",
    basis: "Base",
    listed: "Quelle base répertoriée",
    listedHint: "Uniquement lorsque le consentement n'est pas demandé.",
    noneListed: "Le réseau ne répertorie encore aucune autre base (Paramètres).",
    caseReference: "Référence pour ce cas (facultatif)",
    obtainedBy: "Obtenu par",
    obtainedOn: "Le",
  },
  record: "Consigner la base",
  recordTitle: "Consigner une base",
  recorded: "La base est consignée.",
  withdrawTitle: "Consentement retiré",
  withdrawIntro:
    "Lorsque la personne (ou son parent ou tuteur) retire son consentement, consignez-le ici : cela apparaît au prochain ordre du jour.",
  withdrawnOn: "Retiré le",
  withdrawNote: "Ce qui a été dit (facultatif)",
  withdraw: "Consigner le retrait",
  withdrawnNotice: "Le retrait est consigné ; il apparaîtra au prochain ordre du jour.",
  history: "Historique",
  historyLine: "Consigné par {{recorder}}, {{when}}",
  obtainedByLine: "Obtenu par {{name}}",
  settings: {
    title: "Bases de partage sans consentement",
    intro:
      "Outre le consentement, les bases sur lesquelles votre réseau peut partager les informations d'un cas (une obligation légale, une convention), chacune avec sa référence. Une base qui n'est plus proposée reste attachée aux cas consignés sur cette base.",
    name: "Nom",
    reference: "Référence",
    add: "Ajouter la base",
    retire: "Ne plus proposer {{name}}",
    none: "Aucune pour l'instant.",
    added: "La base est ajoutée.",
    retired: "La base n'est plus proposée.",
  },
  errors: {
    chooseBasis: "Choisissez la base.",
    chooseListed: "Choisissez quelle base répertoriée.",
    basisDoesNotFit:
      "Le consentement d'un mineur est donné par un parent ou un tuteur ; celui d'un adulte par la personne elle-même.",
    unknownListed: "Cette base n'est pas (ou plus) répertoriée par le réseau.",
    unknownMember: "Choisissez un membre du réseau.",
    inFuture: "Ce jour est encore à venir.",
    noConsent: "Aucun consentement consigné à retirer.",
  },
} satisfies Translation["sharing"];

export default sharing;
