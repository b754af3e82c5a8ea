import type { Translation } from "../types.ts";

// Strings of the minutes: review, approval, distribution, archive.
export default {
  title: "Verslag",
  link: "Verslag van dit overleg",
  back: "Terug naar het overleg",
  notEnded: "Het verslag wordt geschreven zodra het overleg is afgelopen.",
  status: {
    heading: "Waar het verslag staat",
    draft:
      "Ontwerp, opgebouwd uit de vastleggingen van het overleg zoals ze nu zijn. De voorzitter keurt het goed; goedkeuring legt het vast als versie {{version}}.",
    approved: "Versie {{version}} is goedgekeurd en gearchiveerd. De coördinator verstuurt ze.",
    distributed:
      "Versie {{version}} is op {{when}} vrijgegeven voor verzending; de verzendingen hieronder tonen waar elke mail staat.",
  },
  preview: {
    heading: "Het document",
    hint: "Opent in een nieuw tabblad. Elke ontvanger krijgt een exemplaar met alleen de punten die zijn organisatie mag zien; dit is het volledige verslag.",
    openDraft: "Het ontwerp openen (pdf)",
    openCorrection: "Het verslag openen zoals het nu is, het ontwerp van versie {{next}} (pdf)",
    open: "Versie {{version}} openen (pdf)",
    yourCopy: "Uw exemplaar van versie {{version}} (pdf)",
  },
  wording: {
    heading: "Tekst per punt",
    intro:
      "Schrijf de verslagtekst van elk punt voordat de voorzitter goedkeurt. Ze begint bij de besluiten en de aantekeningen uit het overleg; de pdf drukt ze af naast de vastgelegde besluiten, standpunten en acties, die alleen door een correctie van het verslag veranderen.",
    item: "Punt {{number}}: {{title}}",
    caseItem: "Punt {{number}} · {{code}}: {{title}}",
    save: "De tekst opslaan",
    saving: "Bezig met opslaan…",
    unsaved: "Wijzigingen nog niet opgeslagen.",
    saved: "Opgeslagen {{when}}.",
    neverSaved: "Nog niet opgeslagen: tot dan drukt de pdf de aantekeningen uit het overleg af.",
    errors: {
      invalid: "Deze tekst kon niet worden gelezen. Laad de pagina opnieuw en probeer het nog eens.",
      approved: "Het verslag is goedgekeurd: de tekst verandert niet meer. Een correctie loopt via de vastleggingen.",
    },
  },
  changes: {
    heading: "Wijzigingen sinds het eerste ontwerp van de coördinator",
    intro: "Geschrapte woorden zijn doorgehaald, toegevoegde onderstreept.",
    none: "Geen wijziging sinds het eerste ontwerp.",
    added: "toegevoegd",
    removed: "geschrapt",
  },
  approve: {
    heading: "Goedkeuren",
    intro:
      "Goedkeuren legt het verslag vast zoals het is: de vastleggingen en de pdf met zijn vingerafdruk worden gearchiveerd en veranderen niet meer.",
    correctionIntro:
      "De vastleggingen zijn gecorrigeerd sinds versie {{version}} werd goedgekeurd. Goedkeuren maakt versie {{next}}; de vorige versie blijft beschikbaar.",
    changeNote: "Wat er veranderde en waarom",
    changeNoteHint: "Getoond bij de nieuwe versie, bv. „Punt 3: twee maanden, niet één, op vraag van de ggz.”",
    submit: "Het verslag goedkeuren",
    submitCorrection: "Versie {{next}} goedkeuren",
    done: "Versie {{version}} is goedgekeurd en gearchiveerd.",
  },
  distribute: {
    heading: "Versturen",
    intro:
      "Elke genodigde, aanwezig of niet, krijgt een eigen exemplaar per mail met de agenda-uitnodiging voor het volgende overleg. De organisaties die betrokken zijn bij een besproken casus krijgen het plan van aanpak (via een link: vermeld op deze pagina, niets als bijlage).",
    submit: "Versie {{version}} versturen",
    done_one: "Versie {{version}} is onderweg: {{count}} mail. Elke verzending hieronder toont de voortgang.",
    done_other: "Versie {{version}} is onderweg: {{count}} mails. Elke verzending hieronder toont de voortgang.",
  },
  deadline: {
    listLabel: "Verslagen die wachten",
    of: "Verslag: {{title}}",
    due: "Uiterlijk {{date}}",
    awaiting_approval: "Wacht op goedkeuring door de voorzitter, uiterlijk {{date}}",
    approval_overdue: "Te laat: niet goedgekeurd, uiterlijk {{date}}",
    awaiting_distribution: "Goedgekeurd, te versturen uiterlijk {{date}}",
    distribution_overdue: "Te laat: goedgekeurd maar niet verstuurd, uiterlijk {{date}}",
  },
  settings: {
    title: "Verslagen",
    intro:
      "Wanneer verslagen klaar moeten zijn, en hoe vertrouwelijke verslagen de genodigden bereiken. Hoe dan ook bevat de mail zelf geen inhoud van een casus.",
    dueDays: "Termijn voor het verslag, in werkdagen na het overleg",
    dueDaysHint: "Maandag tot vrijdag. Drie is de gewoonte (MARAC).",
    dueDaysRange: "Geef een geheel aantal werkdagen van 1 tot 30.",
    delivery: "Hoe exemplaren worden bezorgd",
    deliveryHint:
      "Met een link meldt de mail dat het verslag klaarstaat; ieder logt in om het eigen exemplaar te downloaden, en de download is het ontvangstbewijs.",
    deliveries: {
      attach: "Ieders exemplaar als bijlage bij de mail",
      link: "Een bericht met een link waarvoor inloggen nodig is",
    },
  },
  deliveries: {
    heading: "Verzendingen",
    none: "Er is nog niets verstuurd.",
    summary: "Versie {{version}}: {{sent}} van {{total}} verstuurd.",
    summaryWaiting_one: "{{count}} wacht op verzending.",
    summaryWaiting_other: "{{count}} wachten op verzending.",
    summaryAttention_one: "{{count}} vraagt uw aandacht.",
    summaryAttention_other: "{{count}} vragen uw aandacht.",
    version: "Versie",
    to: "Aan",
    what: "Wat",
    status: "Status",
    attempts: "Pogingen",
    receipt: "Geopend",
    attached: "Als bijlage bij de mail",
    opened: "Gedownload {{when}}",
    notOpened: "Nog niet geopend",
    minutes: "Verslag",
    actionPlan: "Plan van aanpak {{code}}",
    pending: "Wacht op verzending",
    sending: "Bezig met versturen…",
    sent: "Verstuurd",
    failed: "Nog niet bezorgd: {{reason}}",
    nextAttempt: "Automatisch opnieuw geprobeerd om {{when}}.",
    refused: "Geweigerd door de mailserver: {{reason}}",
    unknown: "Onbekend: is misschien aangekomen ({{reason}})",
    /** Why a mail was not delivered, when the reason is ours and not the mail server's words. */
    reasons: {
      no_answer: "De mailserver antwoordde niet op tijd",
      unreachable: "De mailserver was niet bereikbaar",
      not_composed: "De e-mail kon niet worden opgesteld (het serverlogboek vermeldt waarom)",
      stopped_after_data: "De server stopte nadat de mailserver het hele bericht had, vóór zijn antwoord",
    },
    unknownExplained:
      "Onbekend betekent dat de mailserver het hele bericht had maar het niet bevestigde. Het kan zijn aangekomen, dus het wordt niet opnieuw verstuurd tenzij u dat beslist.",
    retry: "Nu opnieuw proberen",
    retryLabel: "Nu opnieuw proberen: {{what}} aan {{name}}",
    resend: "Toch opnieuw versturen",
    resendLabel: "Toch opnieuw versturen: {{what}} aan {{name}} (hetzelfde bericht, herkenbaar als dubbel)",
  },
  plans: {
    heading: "Plannen van aanpak",
    intro:
      "De huidige plannen van aanpak van de besproken casussen waaraan uw organisatie werkt. Elke download wordt vastgelegd.",
    download: "Plan van aanpak {{code}} (pdf)",
  },
  versions: {
    heading: "Versies",
    none: "Er is nog geen versie goedgekeurd.",
    version: "Versie",
    approved: "Goedgekeurd",
    approvedBy: "Goedgekeurd door",
    change: "Wat er veranderde en waarom",
    fingerprint: "SHA-256",
    first: "Eerste versie",
  },
  errors: {
    changeNoteRequired: "Zeg wat er sinds de vorige versie veranderde, en waarom.",
    nothingChanged: "Er is in de vastleggingen niets veranderd sinds de vorige versie.",
    notEnded: "Het overleg is nog niet afgelopen.",
    approvedMeanwhile:
      "Versie {{version}} is zojuist door iemand anders goedgekeurd. Laad de pagina opnieuw om ze te zien.",
    nothingToSend: "Er is geen goedgekeurde versie om te versturen.",
    alreadySent: "Deze versie is al verstuurd.",
    notWaiting:
      "Deze mail wacht niet meer op u: ze wordt al opnieuw verstuurd, of is afgehandeld. De tabel toont waar ze staat.",
  },
} satisfies Translation["minutes"];
