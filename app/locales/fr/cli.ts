import type { ServerTranslation } from "../types.ts";

// Ce qu'affichent les commandes de Casetable (espace de noms « cli »).
const cli = {
  audit: {
    intact:
      "Journal d'audit intact : {{rows}} entrées vérifiées ; il atteint le point de contrôle du {{writtenAt}} ({{entries}} entrées).",
    noCheckpoint:
      "Journal d'audit intact : {{rows}} entrées vérifiées. Aucun point de contrôle dans {{file}} : une fin manquante n'a pas pu être détectée.",
    noKeyFile:
      "Journal d'audit intact : {{rows}} entrées vérifiées. Aucun fichier de clés dans {{file}} : le point de contrôle n'a pas pu être vérifié.",
    keyFileUnnamed:
      "Journal d'audit intact : {{rows}} entrées vérifiées. Aucun fichier de clés indiqué (CASETABLE_KEY_FILE, nécessaire avec PostgreSQL) : le point de contrôle n'a pas pu être vérifié.",
    broken: {
      link: "Journal d'audit ROMPU à l'entrée n°{{id}} : son lien avec l'entrée précédente ne correspond pas : une entrée antérieure a été modifiée ou supprimée.",
      content:
        "Journal d'audit ROMPU à l'entrée n°{{id}} : son contenu ne correspond pas à son empreinte : elle a été modifiée.",
    },
    untrusted: {
      unreadable:
        "Le point de contrôle {{file}} du journal d'audit n'est pas fiable : ce n'est pas un fichier de point de contrôle.",
      seal: "Le point de contrôle {{file}} du journal d'audit n'est pas fiable : son sceau ne correspond pas : il a été modifié, ou créé avec un autre fichier de clés.",
    },
    truncated_one:
      "Journal d'audit TRONQUÉ : la dernière entrée manque (le point de contrôle du {{writtenAt}} en comptait {{entries}} ; le journal en a {{rows}}).",
    truncated_many:
      "Journal d'audit TRONQUÉ : les {{count}} dernières entrées manquent (le point de contrôle du {{writtenAt}} en comptait {{entries}} ; le journal en a {{rows}}).",
    truncated_other:
      "Journal d'audit TRONQUÉ : les {{count}} dernières entrées manquent (le point de contrôle du {{writtenAt}} en comptait {{entries}} ; le journal en a {{rows}}).",
    rewritten:
      "Journal d'audit RÉÉCRIT : l'entrée n°{{id}} n'est pas celle qu'enregistrait le point de contrôle du {{writtenAt}}.",
  },
  copy: {
    usage:
      "Utilisation : npm run db:copy -- --from SOURCE --to CIBLE   (chacune un fichier SQLite ou une URL file:, ou postgres://… ; CIBLE doit être nouvelle ou vide)",
    same: "la source et la cible sont la même base de données",
    noSource: "il n'y a pas de base de données dans {{path}} (--from)",
    notEmpty:
      "la cible {{to}} n'est pas vide (sa table {{table}} contient des lignes) : copiez uniquement vers une base nouvelle et vide",
    keyFileTaken: "un autre fichier de clés se trouve déjà à côté de la cible : {{file}}",
    sourceBroken:
      "le journal d'audit de la source est rompu à l'entrée n° {{id}} : lancez d'abord npm run audit:verify sur elle",
    refused: "Copie refusée, rien n'a été modifié : {{reason}}.",
    failed: "Échec de la copie, rien n'a été écrit dans la cible : {{cause}}",
    copied:
      "{{from}} copiée vers {{to}} : {{tables}} tables, {{rows}} lignes. Chaque table contient autant de lignes des deux côtés ; le journal d'audit de la cible est intact ({{entries}} entrées) et se termine là où celui de la source se termine.",
    checkFailed:
      "ÉCHEC du contrôle de la copie : {{table}} contient {{source}} lignes dans la source et {{target}} dans la cible, ou les journaux d'audit diffèrent. N'utilisez pas la cible.",
    keyCopied:
      "Le fichier de clés {{from}} (il scelle les identités) a été copié vers {{to}}, lisible par son seul propriétaire, avec son point de contrôle. Gardez-en une copie à part des sauvegardes.",
    keyToName:
      "Le fichier de clés {{file}} (il scelle les identités) n'a PAS été copié : une base PostgreSQL n'a pas de dossier à côté d'elle. Démarrez Casetable sur la cible avec CASETABLE_KEY_FILE pointant vers lui, ou vers une copie protégée de celui-ci accompagnée de {{checkpoint}}.",
    noKeyFile:
      "Aucun fichier de clés dans {{file}} : si la source contient des identités scellées, elles ne pourront pas être lues sur la cible sans lui.",
    files:
      "Les procès-verbaux archivés et le courrier sortant sont des fichiers, pas dans la base : l'instance de la cible a besoin d'ARCHIVE_DIR et d'OUTBOX_DIR (copiez les dossiers si elle tourne ailleurs).",
  },
  backup: {
    usage: "Utilisation : npm run backup -- SORTIE   (SORTIE : le fichier .tar.gz à écrire)",
    noDatabase: "il n'y a pas de base de données dans {{path}} (DATABASE_URL)",
    written:
      "Sauvegarde écrite dans {{file}} : la base de données et {{count}} fichiers archivés ou sortants, avec leurs sommes SHA-256.",
    sealed:
      "Les identités qu'elle contient sont scellées avec la clé {{keys}}, conservée dans {{keyFile}}, qui N'EST PAS dans la sauvegarde : sans une copie de ce fichier de clés, gardée à part des sauvegardes, elles ne peuvent pas être lues.",
    failed: "Échec de la sauvegarde : {{cause}}",
    postgresql:
      "DATABASE_URL désigne PostgreSQL : npm run backup ne copie que la base SQLite intégrée. Sauvegardez PostgreSQL avec ses propres outils (pg_dump, ou l'archivage continu de l'hébergeur), et copiez ARCHIVE_DIR et le fichier de clés avec.",
  },
  restore: {
    usage: "Utilisation : npm run restore -- ENTRÉE   (ENTRÉE : un .tar.gz créé par npm run backup)",
    restored:
      "Sauvegarde du {{createdAt}} restaurée : {{files}} fichiers correspondent à leurs sommes SHA-256 ; la base de données passe son contrôle d'intégrité ; le journal d'audit est intact ({{entries}} entrées) ; {{versions}} versions archivées de procès-verbaux correspondent au SHA-256 conservé avec elles.",
    refused: "Restauration refusée : {{reason}}",
    failed: "Échec de la restauration : {{cause}}",
    postgresql:
      "DATABASE_URL désigne PostgreSQL : npm run restore ne restaure que dans la base SQLite intégrée. Restaurez PostgreSQL avec ses propres outils (pg_restore, ou la restauration à un instant donné de l'hébergeur).",
  },
  keys: {
    progress: "{{count}} lignes rescellées…",
    rotated:
      "Clés renouvelées : {{count}} lignes rescellées avec la clé {{to}} ; clé {{from}} retirée de {{file}}. Sauvegardez maintenant le fichier de clés (README, « Backups »).",
    noKey: "(aucune)",
    failed: "Échec du renouvellement des clés : {{cause}}",
  },
  purge: {
    dueNow: "{{network}} : à purger maintenant : {{counts}}",
    removed: "{{network}} : supprimé : {{counts}}",
    count: "{{kind}} : {{count}}",
  },
  demo: {
    badLanguage: "Langue inconnue {{language}} : choisissez parmi {{languages}}.",
    running: "La démo de Casetable tourne sur {{url}} (base de données {{database}}, effacée à chaque démarrage)",
    password: "Connectez-vous avec l'une de ces personnes, toutes avec le mot de passe :  {{password}}",
  },
} satisfies ServerTranslation["cli"];

export default cli;
