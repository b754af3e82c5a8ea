import type { Translation } from "../types.ts";

export default {
  toolbar: "Opmaak",
  bold: "Vet",
  italic: "Cursief",
  heading2: "Kop H2",
  heading3: "Tussenkop H3",
  bulletList: "Opsomming",
  orderedList: "1. Genummerde lijst",
  link: "Link",
  linkPrompt: "Adres van de link (leeg laten om de link te verwijderen)",
  loading: "De aantekeningen worden geladen…",
  readOnly: "U kunt deze aantekeningen lezen maar niet wijzigen.",
  status: {
    connecting: "Bezig met verbinden…",
    saved: "Alle wijzigingen opgeslagen",
    saving: "Bezig met opslaan…",
    offline: "Offline",
    offlinePending: "Offline: uw wijzigingen worden op dit apparaat bewaard en verstuurd zodra de verbinding terug is",
    refused: "Deze aantekeningen kunnen niet worden geopend: {{reason}}",
    failed: "Een wijziging kon niet worden opgeslagen: {{reason}}",
    retrying: {
      busy: "Nog niet opgeslagen: de opslag van de server is bezet; nieuwe poging",
      storage_unavailable: "Nog niet opgeslagen: de opslag van de server is niet beschikbaar; nieuwe poging",
      internal: "Nog niet opgeslagen: er ging iets mis op de server; nieuwe poging",
    },
  },
  scratch: {
    title: "Kladblok",
    intro:
      "Een gedeeld kladblok voor dit netwerk, om samen aantekeningen maken uit te proberen buiten een overleg. Iedereen in het netwerk kan het lezen en schrijven.",
    label: "Kladblok van {{network}}",
  },
} satisfies Translation["notes"];
