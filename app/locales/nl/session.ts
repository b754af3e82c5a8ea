import type { Translation } from "../types.ts";

export default {
  warningTitle: "Uw sessie loopt bijna af",
  idleWarning_one: "Voor de veiligheid wordt u over {{count}} seconde uitgelogd omdat er een tijd niets is gedaan.",
  idleWarning_other: "Voor de veiligheid wordt u over {{count}} seconden uitgelogd omdat er een tijd niets is gedaan.",
  endWarning_one:
    "Uw sessie bereikt over {{count}} seconde haar langst toegestane duur; log opnieuw in om verder te gaan.",
  endWarning_other:
    "Uw sessie bereikt over {{count}} seconden haar langst toegestane duur; log opnieuw in om verder te gaan.",
  stay: "Ingelogd blijven",
  endedIdle: "U bent uitgelogd omdat er een tijd niets is gedaan. Log opnieuw in om verder te gaan.",
} satisfies Translation["session"];
