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
  ended: {
    idle: "U bent uitgelogd omdat er een tijd niets is gedaan. Log opnieuw in om verder te gaan.",
    expired: "Uw sessie heeft haar langst toegestane duur bereikt. Log opnieuw in om verder te gaan.",
    signed_out: "U bent uitgelogd (in dit of een ander venster). Log opnieuw in om verder te gaan.",
    removed:
      "Een beheerder heeft uw plaats in het netwerk gewijzigd en uw sessie is beëindigd. Log opnieuw in om te zien wat u nu kunt openen.",
    password_changed:
      "Uw wachtwoord is in een andere sessie gewijzigd, dus deze sessie is beëindigd. Log in met het nieuwe wachtwoord.",
    second_factor_reset:
      "Twee beheerders hebben uw tweede factor opnieuw ingesteld, dus uw sessie is beëindigd. Log in en stel een nieuwe in.",
  },
} satisfies Translation["session"];
