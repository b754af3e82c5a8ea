import type { Translation } from "../types.ts";

export default {
  step: {
    title: "Zweiter Schritt der Anmeldung",
    intro: "Angemeldet als {{name}}: Weisen Sie jetzt mit Ihrem zweiten Faktor nach, dass Sie es sind.",
    code: "Code aus Ihrer Authenticator-App oder ein Wiederherstellungscode",
    codeHint: "Sechs Ziffern aus der App oder einer Ihrer Wiederherstellungscodes (XXXX-XXXX-XXXX).",
    submit: "Weiter",
    invalid:
      "Dieser Code ist nicht richtig oder wurde bereits verwendet. Versuchen Sie den nächsten Code aus Ihrer App.",
    limited_one: "Zu viele falsche Codes. Warten Sie {{count}} Sekunde und versuchen Sie es dann erneut.",
    limited_other: "Zu viele falsche Codes. Warten Sie {{count}} Sekunden und versuchen Sie es dann erneut.",
    passkey: "Passkey verwenden",
    passkeyFailed: "Der Passkey wurde nicht akzeptiert. Versuchen Sie es erneut oder verwenden Sie einen Code.",
    or: "Oder verwenden Sie Ihren Passkey:",
    cancel: "Abbrechen und abmelden",
  },
  enrol: {
    title: "Zweiter Faktor",
    required:
      "Ihre Rolle erfordert für die Anmeldung einen zweiten Faktor. Richten Sie jetzt einen ein: eine Authenticator-App oder einen Passkey (die Bildschirmsperre dieses Geräts oder einen Sicherheitsschlüssel). Vorher öffnet sich nichts anderes.",
    intro: "Ein zweiter Faktor schützt Ihr Konto, falls jemand anderes Ihr Passwort kennt.",
    current: "Was Sie eingerichtet haben",
    none: "Noch kein zweiter Faktor.",
    totpOn: "Authenticator-App: aktiv",
    recoveryLeft_one: "{{count}} Wiederherstellungscode übrig.",
    recoveryLeft_other: "{{count}} Wiederherstellungscodes übrig.",
    totpTitle: "Authenticator-App",
    totpIntro:
      "Scannen Sie das Bild mit einer Authenticator-App (zum Beispiel der, die Ihr Netzwerkpartner bereitstellt), oder tippen Sie den Schlüssel dort ein. Geben Sie dann den sechsstelligen Code ein, den sie anzeigt.",
    qrLabel: "QR-Code zum Scannen mit Ihrer Authenticator-App",
    secret: "Schlüssel zum Eintippen von Hand",
    code: "Sechsstelliger Code aus der App",
    confirm: "Einschalten",
    wrongCode: "Dieser Code ist nicht richtig. Prüfen Sie die Uhr Ihres Telefons und geben Sie den neuesten Code ein.",
    totpStart: "Authenticator-App einrichten",
    totpRemove: "Authenticator-App ausschalten",
    passkeyTitle: "Passkeys",
    passkeyIntro:
      "Ein Passkey nutzt die Bildschirmsperre dieses Geräts oder einen Sicherheitsschlüssel. Er kann nicht abgefischt werden: Er funktioniert nur auf dieser Website.",
    passkeyName: "Name dieses Passkeys (um ihn später wiederzuerkennen)",
    passkeyNameDefault: "Dieses Gerät",
    passkeyAdd: "Passkey hinzufügen",
    passkeyAdded: "Der Passkey wurde hinzugefügt.",
    passkeyFailed: "Der Passkey konnte nicht hinzugefügt werden. Versuchen Sie es erneut.",
    passkeyUnsupported: "Dieser Browser kann keine Passkeys erstellen. Verwenden Sie eine Authenticator-App.",
    passkeyRemove: "{{name}} entfernen",
    added: "Erstellt am {{date}}",
    recoveryTitle: "Wiederherstellungscodes",
    recoveryIntro:
      "Wenn Sie Ihr Telefon oder Ihren Sicherheitsschlüssel verlieren, meldet Sie ein Wiederherstellungscode einmal an. Bewahren Sie die Codes sicher auf, getrennt von diesem Gerät.",
    recoveryShown:
      "Ihre Wiederherstellungscodes. Sie werden nur jetzt angezeigt: Drucken Sie sie aus oder schreiben Sie sie auf. Jeder funktioniert einmal.",
    recoveryNew: "Neue Wiederherstellungscodes erstellen (die alten verlieren ihre Gültigkeit)",
    lastFactor:
      "Dies ist Ihr einziger zweiter Faktor, und Ihre Rolle erfordert einen: Fügen Sie einen weiteren hinzu, bevor Sie diesen entfernen.",
    continue: "Weiter zu Casetable",
  },
  reset: {
    title: "Zweiter Faktor",
    state_on: "Hat einen zweiten Faktor.",
    state_off: "Hat keinen zweiten Faktor.",
    intro:
      "Wenn die Person ihr Telefon und ihre Wiederherstellungscodes verloren hat, kann ihr zweiter Faktor zurückgesetzt werden: Eine Administratorin oder ein Administrator beantragt es, eine zweite Person mit Administrationsrechten bestätigt. Bei der nächsten Anmeldung richtet die Person dann einen neuen ein.",
    reason: "Warum (z. B. wie die Person darum gebeten hat, wie Sie geprüft haben, dass sie es war)",
    request: "Zurücksetzen des zweiten Faktors beantragen",
    requested: "Zurücksetzen beantragt von {{name}}: {{reason}}",
    waiting: "Eine weitere Person mit Administrationsrechten muss bestätigen.",
    confirm: "Zurücksetzen bestätigen",
    cancel: "Zurücksetzen abbrechen",
    done: "Der zweite Faktor wurde zurückgesetzt; die Sitzungen der Person wurden beendet.",
    sameAdmin:
      "Sie haben dieses Zurücksetzen beantragt: Eine weitere Person mit Administrationsrechten muss es bestätigen.",
    self: "Sie können Ihren eigenen zweiten Faktor nicht zurücksetzen.",
    alreadyOpen: "Ein Zurücksetzen wartet bereits auf Bestätigung.",
  },
  settings: {
    title: "Zweiter Faktor",
    intro:
      "Personen in diesen Rollen müssen sich mit einem zweiten Faktor anmelden (einer Authenticator-App oder einem Passkey). Bei ihrer nächsten Anmeldung werden sie gebeten, einen einzurichten.",
    roles: "Rollen, die einen zweiten Faktor erfordern",
  },
} satisfies Translation["secondFactor"];
