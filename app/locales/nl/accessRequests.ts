import type { Translation } from "../types.ts";

// Verzoeken van een betrokkene over één casus: inzage, beperking, wissen (decision 0038).
export default {
  nav: "Verzoeken van betrokkenen",
  title: "Verzoeken van betrokkenen",
  intro:
    "Wanneer iemand vraagt wat het netwerk over hem of haar bewaart, vraagt de casus te beperken of vraagt de casus te wissen, legt de coördinator het verzoek hier vast met de code van de casus. Een andere persoon, de eindverantwoordelijke, bevestigt of weigert het; pas dan wordt het uitgevoerd. Elke stap staat in het logboek, zonder inhoud.",
  steps: {
    title: "De stappen",
    ask: "De coördinator legt het verzoek van de betrokkene vast voor één casus.",
    confirm: "De eindverantwoordelijke (nooit wie het vroeg) controleert het en bevestigt of weigert het.",
    carry:
      "Na bevestiging: een inzage-export kan {{days}} dagen door hen beiden worden gedownload; een beperking verbergt de casus meteen; wissen verwijdert de inhoud en de identiteit van de casus meteen.",
  },
  kinds: {
    export: "Inzage in alles wat bewaard wordt",
    restrict: "Beperking",
    lift: "Opheffen van een beperking",
    erase: "Wissen",
  },
  kindHints: {
    export:
      "Een ZIP met een pdf en data.json: identiteit, casusdossier, signalen, besluiten met standpunten, inschattingen, plannen van aanpak, acties, afsluiting, en de aantekeningen en verslagpunten over de casus.",
    restrict:
      "De casus wordt bewaard maar niet gebruikt: alleen de coördinator en de eindverantwoordelijke zien hem; geen agenda neemt hem op en geen verslag bevat hem, tot de beperking wordt opgeheven.",
    lift: "De casus wordt weer gezien en gebruikt zoals voorheen.",
    erase:
      "De identiteit en alles wat over de casus is geschreven, worden nu verwijderd, zoals de bewaartermijn later zou doen. De code, de fasen en de data blijven. Dit kan niet ongedaan worden gemaakt.",
  },
  ask: {
    title: "Een verzoek vastleggen",
    code: "Code van de casus",
    codeHint: "Bijvoorbeeld C-2026-0007.",
    kind: "Wat de betrokkene vraagt",
    submit: "Het verzoek vastleggen",
    asked: "Het verzoek is vastgelegd. De eindverantwoordelijke wordt gevraagd het te bevestigen.",
  },
  list: {
    title: "Verzoeken",
    none: "Nog geen verzoeken.",
    case: "Casus",
    kind: "Verzoek",
    askedBy: "Gevraagd door",
    status: "Stand",
    actions: "Volgende stap",
    on: "{{name}}, {{at}}",
  },
  statuses: {
    open: "Wacht op de eindverantwoordelijke",
    confirmed: "Bevestigd door {{name}}, {{at}}",
    declined: "Geweigerd door {{name}}, {{at}}",
    withdrawn: "Ingetrokken door {{name}}, {{at}}",
  },
  confirm: "Bevestigen en uitvoeren",
  decline: "Weigeren",
  withdraw: "Intrekken",
  download: "De export downloaden (ZIP)",
  waitOther: "Een andere persoon met de taak van eindverantwoordelijke bevestigt het.",
  confirmed: {
    export: "Bevestigd. De export kan {{days}} dagen worden gedownload.",
    restrict: "Bevestigd. De casus is beperkt.",
    lift: "Bevestigd. De beperking is opgeheven.",
    erase: "Bevestigd. De inhoud en de identiteit van de casus zijn gewist.",
  },
  declined: "Het verzoek is geweigerd.",
  withdrawn: "Het verzoek is ingetrokken.",
  errors: {
    code: "Vul de code in van een casus van dit netwerk.",
    kind: "Kies wat de betrokkene vraagt.",
    unknownCase: "Dit netwerk heeft geen casus met die code.",
    open_already: "Er wacht al een verzoek van deze soort voor deze casus.",
    restricted_already: "Deze casus is al beperkt.",
    not_restricted: "Deze casus is niet beperkt.",
    erased: "De inhoud van deze casus is gewist; er valt niets meer te vragen.",
    settled_already: "Op dit verzoek is al geantwoord.",
  },
  restricted: "Beperkt",
} satisfies Translation["accessRequests"];
