import type { Translation } from "../types.ts";

export default {
  warningTitle: "Ihre Sitzung endet gleich",
  idleWarning_one: "Zu Ihrer Sicherheit werden Sie in {{count}} Sekunde abgemeldet, da eine Weile nichts getan wurde.",
  idleWarning_other:
    "Zu Ihrer Sicherheit werden Sie in {{count}} Sekunden abgemeldet, da eine Weile nichts getan wurde.",
  endWarning_one:
    "Ihre Sitzung erreicht in {{count}} Sekunde ihre längste erlaubte Dauer; melden Sie sich erneut an, um fortzufahren.",
  endWarning_other:
    "Ihre Sitzung erreicht in {{count}} Sekunden ihre längste erlaubte Dauer; melden Sie sich erneut an, um fortzufahren.",
  stay: "Angemeldet bleiben",
  ended: {
    idle: "Sie wurden abgemeldet, da eine Weile nichts getan wurde. Melden Sie sich erneut an, um fortzufahren.",
    expired: "Ihre Sitzung hat ihre längste erlaubte Dauer erreicht. Melden Sie sich erneut an, um fortzufahren.",
    signed_out:
      "Sie haben sich abgemeldet (in diesem oder einem anderen Fenster). Melden Sie sich erneut an, um fortzufahren.",
    removed:
      "Eine Administratorin oder ein Administrator hat Ihren Platz im Netzwerk geändert, und Ihre Sitzung wurde beendet. Melden Sie sich erneut an, um zu sehen, was Sie jetzt erreichen.",
    password_changed:
      "Ihr Passwort wurde in einer anderen Sitzung geändert, daher wurde diese beendet. Melden Sie sich mit dem neuen Passwort an.",
    second_factor_reset:
      "Zwei Administratoren haben Ihren zweiten Faktor zurückgesetzt, daher wurde Ihre Sitzung beendet. Melden Sie sich an und richten Sie einen neuen ein.",
  },
} satisfies Translation["session"];
