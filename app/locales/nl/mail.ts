import type { ServerTranslation } from "../types.ts";

// De woorden van de e-mails en agenda-afspraken van Casetable (naamruimte "mail").
const mail = {
  greeting: "Beste {{name}},",
  signature: "Casetable",
  doNotForward: "Stuur deze e-mail niet door.",
  invitation: {
    subject: {
      invited: "Uitnodiging: {{title}}, {{date}}",
      moved: "Gewijzigd: {{title}}, {{date}}",
      cancelled: "Geannuleerd: {{title}}, {{date}}",
    },
    opening: {
      invited: "U bent uitgenodigd voor “{{title}}” van {{network}}.",
      moved: "Het casusoverleg “{{title}}” van {{network}} is gewijzigd. Het is nu:",
      cancelled: "Het casusoverleg “{{title}}” van {{network}} is geannuleerd. Het stond gepland op:",
    },
    when: "Wanneer: {{start}} – {{end}} ({{timeZone}})",
    where: "Waar: {{place}}",
    callLink: "Link om online deel te nemen: {{link}}",
    guestSlot: "U bent uitgenodigd voor uw eigen agendapunt: het tijdstip hierboven is het geplande moment daarvan.",
    removed: "De bijgevoegde agenda-afspraak haalt het overleg uit uw agenda.",
    pleaseAnswer: "Laat weten of u komt (u wordt gevraagd in te loggen; u kunt alleen voor uzelf antwoorden):",
    answers: {
      attending: "Ik ben aanwezig",
      apologies: "Ik meld me af",
      delegate: "Ik stuur een vervanger (naam)",
    },
    calendarAttached: "Een agenda-afspraak is bijgevoegd.",
  },
  calendar: {
    summary: "Casusoverleg {{network}}: {{title}}",
    callLink: "Link om online deel te nemen: {{link}}",
    nextMeeting: "Casusoverleg {{network}}",
    nextMeetingFile: "volgend-casusoverleg.ics",
  },
  minutes: {
    subject: "[{{classification}}] Verslag: {{title}}",
    byLink:
      "Het verslag van “{{title}}” ({{date}}), {{network}}, versie {{version}}, is klaar. Log in om uw eigen exemplaar te downloaden:",
    receipt: "Uw download geldt als ontvangstbevestiging. Bij deze e-mail zit geen exemplaar.",
    plans:
      "De plannen van aanpak van de besproken casussen waaraan uw organisatie werkt, staan op de pagina van het verslag; u downloadt ze na het inloggen:",
    attached: "In de bijlage vindt u het verslag van “{{title}}” ({{date}}), {{network}}, versie {{version}}.",
    marked:
      "Het is gemarkeerd als {{classification}}: deel het alleen met wie het nodig heeft, en stuur deze e-mail niet door.",
    nextMeeting: "Het volgende casusoverleg is op {{when}}; een agenda-afspraak is bijgevoegd.",
    nextMeetingAt: "Het volgende casusoverleg is op {{when}}, {{place}}; een agenda-afspraak is bijgevoegd.",
    file: "verslag-{{day}}-v{{version}}.pdf",
  },
  minutesReminder: {
    subject: "[{{classification}}] Verslag te laat: {{title}}",
    overdue: {
      approval:
        "Het verslag van “{{title}}” ({{date}}), {{network}}, moest klaar zijn op {{due}} en is nog niet goedgekeurd door de voorzitter.",
      distribution:
        "Het verslag van “{{title}}” ({{date}}), {{network}}, moest klaar zijn op {{due}} en is nog niet verstuurd naar de genodigden.",
    },
    open: "Open de pagina van het verslag van dit overleg in Casetable. Voor deze stap is dit de enige herinnering die u krijgt.",
  },
  actionPlan: {
    subject: "[{{classification}}] Plan van aanpak {{code}}, versie {{version}}",
    attached:
      "In de bijlage vindt u het huidige plan van aanpak van casus {{code}} (versie {{version}}), zoals besproken op “{{title}}”. Uw organisatie is betrokken bij deze casus.",
    marked:
      "Het is gemarkeerd als {{classification}}: deel het alleen met wie het nodig heeft, en stuur deze e-mail niet door.",
    file: "plan-van-aanpak-{{code}}-v{{version}}.pdf",
  },
  updateReminder: {
    subject: "[{{classification}}] Update gevraagd vóór {{title}}",
    missing_one:
      "Uw organisatie heeft nog geen update geplaatst over één agendapunt van “{{title}}” ({{when}}), {{network}}.",
    missing_other:
      "Uw organisatie heeft nog geen update geplaatst over {{count}} agendapunten van “{{title}}” ({{when}}), {{network}}.",
    please:
      "Plaats vóór het begin van het overleg wat uw organisatie te melden heeft (de voortgang van haar acties, nieuwe informatie, haar standpunt over een voorstel tot afsluiting), zodat de tafel zich kan voorbereiden.",
    signIn: "De pagina vraagt u in te loggen.",
  },
  written: {
    subject: "Schriftelijk besluit: casus {{code}}, uw standpunt vóór {{date}}",
    opening:
      "De voorzitter van {{network}} legt een besluit over casus {{code}} schriftelijk voor aan de betrokken organisaties: het kan niet wachten tot het volgende casusoverleg.",
    please:
      "U mag beslissen voor uw organisatie. Geef haar standpunt (akkoord, niet akkoord of onthouding, met uw reden) vóór de termijn:",
    deadline: "Termijn: {{when}} ({{timeZone}})",
    proposal: "Voorstel: {{url}} (u wordt gevraagd in te loggen)",
  },
  accessRequest: {
    subject: "Te bevestigen: {{kind}}, casus {{code}}",
    opening: "In {{network}} heeft de coördinator op verzoek van de persoon gevraagd om {{kind}} van casus {{code}}.",
    fourEyes:
      "Dit wordt pas uitgevoerd wanneer iemand met de taak van verantwoordelijk functionaris, niet degene die het vroeg, het bevestigt.",
    please:
      "Bevestig of weiger het op de pagina met verzoeken van betrokkenen (u wordt gevraagd in te loggen): {{url}}",
    kinds: {
      export: "een export van alles wat is vastgelegd",
      restrict: "een beperking",
      lift: "het opheffen van de beperking",
      erase: "wissing",
    },
  },
} satisfies ServerTranslation["mail"];

export default mail;
