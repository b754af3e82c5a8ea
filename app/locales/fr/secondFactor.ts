import type { Translation } from "../types.ts";

export default {
  step: {
    title: "Deuxième étape de la connexion",
    intro: "Connecté en tant que {{name}} : prouvez maintenant que c'est bien vous avec votre second facteur.",
    code: "Code de votre application d'authentification, ou code de secours",
    codeHint: "Six chiffres de l'application, ou l'un de vos codes de secours (XXXX-XXXX-XXXX).",
    submit: "Continuer",
    invalid: "Ce code n'est pas correct, ou il a déjà été utilisé. Essayez le code suivant de votre application.",
    limited_one: "Trop de codes erronés. Attendez {{count}} seconde, puis réessayez.",
    limited_other: "Trop de codes erronés. Attendez {{count}} secondes, puis réessayez.",
    limited_many: "Trop de codes erronés. Attendez {{count}} secondes, puis réessayez.",
    passkey: "Utiliser une clé d'accès",
    passkeyFailed: "La clé d'accès n'a pas été acceptée. Réessayez, ou utilisez un code.",
    or: "Ou utilisez votre clé d'accès :",
    cancel: "Annuler et se déconnecter",
  },
  enrol: {
    title: "Second facteur",
    required:
      "Votre rôle exige un second facteur pour se connecter. Configurez-en un maintenant : une application d'authentification, ou une clé d'accès (le verrouillage d'écran de cet appareil ou une clé de sécurité). Rien d'autre ne s'ouvre tant que ce n'est pas fait.",
    intro: "Un second facteur protège votre compte si quelqu'un d'autre connaît votre mot de passe.",
    current: "Ce que vous avez",
    none: "Pas encore de second facteur.",
    totpOn: "Application d'authentification : activée",
    recoveryLeft_one: "{{count}} code de secours restant.",
    recoveryLeft_other: "{{count}} codes de secours restants.",
    recoveryLeft_many: "{{count}} codes de secours restants.",
    totpTitle: "Application d'authentification",
    totpIntro:
      "Scannez l'image avec une application d'authentification (par exemple celle que fournit votre partenaire), ou saisissez-y la clé. Saisissez ensuite le code à six chiffres qu'elle affiche.",
    qrLabel: "Code QR à scanner avec votre application d'authentification",
    secret: "Clé à saisir à la main",
    code: "Code à six chiffres de l'application",
    confirm: "Activer",
    wrongCode: "Ce code n'est pas correct. Vérifiez l'horloge de votre téléphone et saisissez le code le plus récent.",
    totpStart: "Configurer une application d'authentification",
    totpRemove: "Désactiver l'application d'authentification",
    passkeyTitle: "Clés d'accès",
    passkeyIntro:
      "Une clé d'accès utilise le verrouillage d'écran de cet appareil ou une clé de sécurité. Elle ne peut pas être hameçonnée : elle ne fonctionne que sur ce site.",
    passkeyName: "Nom de cette clé d'accès (pour la reconnaître plus tard)",
    passkeyNameDefault: "Cet appareil",
    passkeyAdd: "Ajouter une clé d'accès",
    passkeyAdded: "La clé d'accès a été ajoutée.",
    passkeyFailed: "La clé d'accès n'a pas pu être ajoutée. Réessayez.",
    passkeyUnsupported: "Ce navigateur ne peut pas créer de clés d'accès. Utilisez une application d'authentification.",
    passkeyRemove: "Supprimer {{name}}",
    added: "Créée le {{date}}",
    recoveryTitle: "Codes de secours",
    recoveryIntro:
      "Si vous perdez votre téléphone ou votre clé de sécurité, un code de secours vous connecte une fois. Conservez-les en lieu sûr, loin de cet appareil.",
    recoveryShown:
      "Vos codes de secours. Ils ne sont affichés que maintenant : imprimez-les ou notez-les. Chacun fonctionne une fois.",
    recoveryNew: "Créer de nouveaux codes de secours (les anciens cessent de fonctionner)",
    lastFactor:
      "C'est votre seul second facteur et votre rôle en exige un : ajoutez-en un autre avant de supprimer celui-ci.",
    continue: "Continuer vers Casetable",
  },
  reset: {
    title: "Second facteur",
    state_on: "A un second facteur.",
    state_off: "N'a pas de second facteur.",
    intro:
      "Si la personne a perdu son téléphone et ses codes de secours, son second facteur peut être réinitialisé : un administrateur le demande, un autre le confirme. Elle en configure alors un nouveau à sa prochaine connexion.",
    reason: "Pourquoi (p. ex. comment la personne l'a demandé, comment vous avez vérifié que c'était bien elle)",
    request: "Demander la réinitialisation de son second facteur",
    requested: "Réinitialisation demandée par {{name}} : {{reason}}",
    waiting: "Un autre administrateur doit confirmer.",
    confirm: "Confirmer la réinitialisation",
    cancel: "Annuler la réinitialisation",
    done: "Son second facteur a été réinitialisé ; ses sessions ont pris fin.",
    sameAdmin: "Vous avez demandé cette réinitialisation : un autre administrateur doit la confirmer.",
    self: "Vous ne pouvez pas réinitialiser votre propre second facteur.",
    alreadyOpen: "Une réinitialisation attend déjà une confirmation.",
  },
  settings: {
    title: "Second facteur",
    intro:
      "Les personnes ayant ces rôles doivent se connecter avec un second facteur (une application d'authentification ou une clé d'accès). Il leur est demandé d'en configurer un à leur prochaine connexion.",
    roles: "Rôles qui exigent un second facteur",
  },
} satisfies Translation["secondFactor"];
