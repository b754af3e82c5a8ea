import type { Translation } from "../types.ts";

export default {
  title: "Conservation",
  intro:
    "Casetable ne garde chaque type de données que le temps que fixe ce calendrier. Chaque jour (et à chaque démarrage), la purge supprime ce qui a dépassé son délai : elle efface les lignes et les fichiers, ne laisse aucune copie sur le disque et écrit une entrée au journal d'audit qui dit combien a été supprimé, jamais ce que cela contenait.",
  fromSettings: "Calendrier de conservation et purge",
  settings: {
    title: "Calendrier",
    save: "Enregistrer le calendrier",
    saved: "Calendrier enregistré.",
    unchanged: "Rien n'a changé.",
    identityYears: "Identité d'un cas clôturé (années)",
    identityYearsHint:
      "Le nom, la date de naissance, l'adresse et les coordonnées de la personne, et l'auteur du signalement, après le dernier contrôle de sortie progressive du cas (ou sa clôture, s'il n'y en a pas eu). Le code, l'historique et les chiffres restent.",
    auditAddressDays: "Adresses dans le journal d'audit (jours)",
    auditAddressDaysHint:
      "L'adresse réseau de chaque entrée. L'entrée reste ; la chaîne se vérifie toujours. Les connexions, qui n'appartiennent à aucun réseau, suivent le délai le plus court de tous les réseaux.",
    intakeAddressDays: "Adresses des auteurs de signalements par lien (jours)",
    intakeAddressDaysHint:
      "L'adresse réseau d'un intervenant de première ligne qui a fait un signalement par un lien de signalement.",
    mailDays: "Fichiers de courriels (jours après l'envoi)",
    mailDaysHint:
      "Les fichiers .eml des courriels envoyés dans la boîte d'envoi. La trace de chaque envoi (à qui, quand, son empreinte) reste.",
    minutesYears: "Procès-verbaux archivés (années après l'approbation)",
    minutesYearsHint:
      "Le PDF archivé et les points de la version approuvée. Qui l'a approuvée et quand, et les présences, restent.",
    range: {
      identityYears: "Un nombre entier d'années, de 1 à 30.",
      auditAddressDays: "Un nombre entier de jours, de 7 à 730.",
      intakeAddressDays: "Un nombre entier de jours, de 1 à 365.",
      mailDays: "Un nombre entier de jours, de 1 à 365.",
      minutesYears: "Un nombre entier d'années, de 1 à 50.",
    },
  },
  due: {
    title: "Ce que la purge supprime dans les {{days}} prochains jours",
    what: "Quoi",
    count: "Combien",
    from: "À partir du",
    cases: "Cas",
    nothing: "Rien n'arrive à échéance dans les {{days}} prochains jours.",
    kinds: {
      identity: "Identités de cas clôturés",
      auditAddresses: "Adresses dans le journal d'audit",
      intakeAddresses: "Adresses des auteurs de signalements par lien",
      mail: "Fichiers de courriels",
      minutes: "Procès-verbaux archivés",
    },
  },
  runs: {
    title: "Dernières purges",
    none: "La purge n'a encore rien supprimé dans ce réseau.",
    at: "Quand",
    removed: "Supprimé",
    count: "{{what}} : {{count}}",
  },
} satisfies Translation["retention"];
