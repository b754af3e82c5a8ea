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
  endedIdle: "Vous avez été déconnecté, car rien n'a été fait depuis un moment. Reconnectez-vous pour continuer.",
} satisfies Translation["session"];
