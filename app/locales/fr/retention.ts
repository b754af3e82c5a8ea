// Le calendrier de conservation et sa purge (décision 0033).
import type { Translation } from "../types.ts";

export default {
  title: "Conservation",
  intro:
    "Casetable ne conserve chaque type de données que le temps prévu par ce calendrier. Chaque jour (et à chaque démarrage), la purge supprime ce qui a dépassé sa durée : elle efface les lignes et les fichiers, ne laisse aucune copie sur le disque et écrit une entrée d'audit qui indique la quantité supprimée, jamais son contenu.",
  fromSettings: "Calendrier de conservation et purge",
  settings: {
    title: "Calendrier",
    save: "Enregistrer le calendrier",
    saved: "Calendrier enregistré.",
    unchanged: "Rien n'a changé.",
    identityYears: "Identité d'un cas clôturé (années)",
    identityYearsHint:
      "Le nom, la date de naissance, l'adresse et les contacts de la personne concernée, et qui a signalé le cas, après le dernier contrôle de sortie progressive du cas (ou sa clôture, s'il n'en a pas eu). Le code, le compte rendu et les chiffres restent.",
    auditAddressDays: "Adresses dans le journal d'audit (jours)",
    auditAddressDaysHint:
      "L'adresse réseau de chaque entrée. L'entrée elle-même reste ; la chaîne se vérifie toujours. Les connexions, qui n'appartiennent à aucun réseau, suivent la durée la plus courte de tous les réseaux.",
    intakeAddressDays: "Adresses des auteurs de signalement par lien (jours)",
    intakeAddressDaysHint:
      "L'adresse réseau d'un intervenant de terrain qui a envoyé un signalement par un lien de signalement.",
    mailDays: "Fichiers des courriels (jours après la remise)",
    mailDaysHint:
      "Les fichiers .eml des courriels envoyés dans la boîte d'envoi. La trace de chaque envoi (à qui, quand, son empreinte) reste.",
    minutesYears: "Procès-verbaux archivés (années après l'approbation)",
    minutesYearsHint:
      "Le PDF archivé et les points de la version approuvée. Qui l'a approuvée et quand, ainsi que les présences, restent.",
    caseYears: "Cas clos entier (années)",
    caseYearsHint:
      "Tout ce qui a été écrit sur le cas : le résumé, les termes des signalements, les analyses, les évaluations, la motivation et les avis des décisions, les plans, les tâches, la clôture, les notes et la rédaction de ses points du procès-verbal, après le dernier contrôle de sortie progressive du cas. Le code, les étapes, les dates et les chiffres restent. Les procès-verbaux archivés suivent leur propre durée.",
    range: {
      identityYears: "Un nombre entier d'années entre 1 et 30.",
      auditAddressDays: "Un nombre entier de jours entre 7 et 730.",
      intakeAddressDays: "Un nombre entier de jours entre 1 et 365.",
      mailDays: "Un nombre entier de jours entre 1 et 365.",
      minutesYears: "Un nombre entier d'années entre 1 et 50.",
      caseYears: "Un nombre entier d'années entre 1 et 50.",
    },
  },
  due: {
    title: "Ce que la purge supprime dans les {{days}} prochains jours",
    what: "Quoi",
    count: "Combien",
    from: "À partir du",
    cases: "Cas",
    nothing: "Rien n'est à supprimer dans les {{days}} prochains jours.",
    kinds: {
      identity: "Identités des cas clôturés",
      auditAddresses: "Adresses dans le journal d'audit",
      intakeAddresses: "Adresses des auteurs de signalement par lien",
      mail: "Fichiers des courriels",
      minutes: "Procès-verbaux archivés",
      case: "Contenu des cas clos",
    },
  },
  runs: {
    title: "Dernières purges",
    none: "La purge n'a encore rien supprimé dans ce réseau.",
    at: "Quand",
    removed: "Supprimé",
    count: "{{what}} : {{count}}",
  },
} satisfies Translation["retention"];
