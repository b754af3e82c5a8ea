import type { Translation } from "../types.ts";

// Anträge einer betroffenen Person zu einem Fall: Auskunft, Einschränkung, Löschung (decision 0038).
export default {
  nav: "Anträge Betroffener",
  title: "Anträge betroffener Personen",
  intro:
    "Wenn eine Person fragt, was das Netzwerk über sie speichert, die Einschränkung ihres Falls oder seine Löschung verlangt, erfasst die Koordination den Antrag hier mit dem Fallkürzel. Eine andere Person, die verantwortliche Leitung, bestätigt oder lehnt ihn ab; erst dann wird er ausgeführt. Jeder Schritt steht im Audit-Log, ohne Inhalt.",
  steps: {
    title: "Die Schritte",
    ask: "Die Koordination erfasst den Antrag der Person für einen Fall.",
    confirm: "Die verantwortliche Leitung (nie wer ihn gestellt hat) prüft ihn und bestätigt oder lehnt ihn ab.",
    carry:
      "Nach der Bestätigung: Die Auskunft kann von beiden {{days}} Tage lang heruntergeladen werden; eine Einschränkung verbirgt den Fall sofort; eine Löschung entfernt Inhalt und Identität des Falls sofort.",
  },
  kinds: {
    export: "Auskunft über alles Gespeicherte",
    restrict: "Einschränkung",
    lift: "Aufhebung einer Einschränkung",
    erase: "Löschung",
  },
  kindHints: {
    export:
      "Ein ZIP mit einem PDF und data.json: Identität, Fallakte, Hinweise, Beschlüsse mit Stellungnahmen, Einschätzungen, Maßnahmenpläne, Aufgaben, Abschluss sowie die Notizen und Protokollpunkte zum Fall.",
    restrict:
      "Der Fall bleibt gespeichert, wird aber nicht verwendet: Nur die Koordination und die verantwortliche Leitung sehen ihn; keine Tagesordnung nimmt ihn auf und kein Protokollexemplar enthält ihn, bis die Einschränkung aufgehoben wird.",
    lift: "Der Fall wird wieder wie zuvor gesehen und verwendet.",
    erase:
      "Die Identität und alles, was über den Fall geschrieben wurde, werden jetzt entfernt, wie es die Aufbewahrungsfrist später täte. Das Kürzel, die Phasen und die Daten bleiben. Das lässt sich nicht rückgängig machen.",
  },
  ask: {
    title: "Einen Antrag erfassen",
    code: "Fallkürzel",
    codeHint: "Zum Beispiel C-2026-0007.",
    kind: "Was die Person beantragt",
    submit: "Den Antrag erfassen",
    asked: "Der Antrag ist erfasst. Die verantwortliche Leitung wird um Bestätigung gebeten.",
  },
  list: {
    title: "Anträge",
    none: "Noch keine Anträge.",
    case: "Fall",
    kind: "Antrag",
    askedBy: "Gestellt von",
    status: "Stand",
    actions: "Nächster Schritt",
    on: "{{name}}, {{at}}",
  },
  statuses: {
    open: "Wartet auf die verantwortliche Leitung",
    confirmed: "Bestätigt von {{name}}, {{at}}",
    declined: "Abgelehnt von {{name}}, {{at}}",
    withdrawn: "Zurückgezogen von {{name}}, {{at}}",
  },
  confirm: "Bestätigen und ausführen",
  decline: "Ablehnen",
  withdraw: "Zurückziehen",
  download: "Die Auskunft herunterladen (ZIP)",
  waitOther: "Eine andere Person mit der Aufgabe der verantwortlichen Leitung bestätigt ihn.",
  confirmed: {
    export: "Bestätigt. Die Auskunft kann {{days}} Tage lang heruntergeladen werden.",
    restrict: "Bestätigt. Der Fall ist eingeschränkt.",
    lift: "Bestätigt. Die Einschränkung ist aufgehoben.",
    erase: "Bestätigt. Inhalt und Identität des Falls sind gelöscht.",
  },
  declined: "Der Antrag ist abgelehnt.",
  withdrawn: "Der Antrag ist zurückgezogen.",
  errors: {
    code: "Geben Sie das Kürzel eines Falls dieses Netzwerks ein.",
    kind: "Wählen Sie, was die Person beantragt.",
    unknownCase: "Dieses Netzwerk hat keinen Fall mit diesem Kürzel.",
    open_already: "Für diesen Fall wartet bereits ein Antrag dieser Art.",
    restricted_already: "Dieser Fall ist bereits eingeschränkt.",
    not_restricted: "Dieser Fall ist nicht eingeschränkt.",
    erased: "Der Inhalt dieses Falls wurde gelöscht; es gibt nichts mehr zu beantragen.",
    settled_already: "Dieser Antrag wurde bereits beantwortet.",
  },
  restricted: "Eingeschränkt",
} satisfies Translation["accessRequests"];
