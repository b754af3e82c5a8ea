import type { Translation } from "../types.ts";

export default {
  warningTitle: "Votre session va bientôt prendre fin",
  idleWarning_one:
    "Par sécurité, vous serez déconnecté dans {{count}} seconde, car rien n'a été fait depuis un moment.",
  idleWarning_other:
    "Par sécurité, vous serez déconnecté dans {{count}} secondes, car rien n'a été fait depuis un moment.",
  idleWarning_many:
    "Par sécurité, vous serez déconnecté dans {{count}} secondes, car rien n'a été fait depuis un moment.",
  endWarning_one:
    "Votre session atteint sa durée maximale autorisée dans {{count}} seconde ; reconnectez-vous pour continuer.",
  endWarning_other:
    "Votre session atteint sa durée maximale autorisée dans {{count}} secondes ; reconnectez-vous pour continuer.",
  endWarning_many:
    "Votre session atteint sa durée maximale autorisée dans {{count}} secondes ; reconnectez-vous pour continuer.",
  stay: "Rester connecté",
  ended: {
    idle: "Vous avez été déconnecté, car rien n'a été fait depuis un moment. Reconnectez-vous pour continuer.",
    expired: "Votre session a atteint sa durée maximale autorisée. Reconnectez-vous pour continuer.",
    signed_out: "Vous vous êtes déconnecté (dans cette fenêtre ou une autre). Reconnectez-vous pour continuer.",
    removed:
      "Un administrateur a modifié votre place dans le réseau et votre session a pris fin. Reconnectez-vous pour voir ce qui vous est désormais accessible.",
    password_changed:
      "Votre mot de passe a été modifié dans une autre session ; celle-ci a donc pris fin. Connectez-vous avec le nouveau mot de passe.",
    second_factor_reset:
      "Deux administrateurs ont réinitialisé votre second facteur ; votre session a donc pris fin. Connectez-vous et configurez-en un nouveau.",
  },
} satisfies Translation["session"];
