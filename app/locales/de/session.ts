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
  endedIdle: "Sie wurden abgemeldet, da eine Weile nichts getan wurde. Melden Sie sich erneut an, um fortzufahren.",
} satisfies Translation["session"];
