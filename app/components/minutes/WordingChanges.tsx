import { useTranslation } from "react-i18next";

export interface WordingChangePart {
  kind: "same" | "added" | "removed";
  text: string;
}

/**
 * One item's wording as the coordinator changed it since their first draft: removed words
 * struck through, added words underlined, each also announced in words (not only by colour).
 */
export function WordingChanges({ parts }: { parts: WordingChangePart[] }) {
  const { t } = useTranslation();
  return (
    <p className="wording-changes">
      {parts.map((p, i) =>
        p.kind === "same" ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === "added" ? (
          <ins key={i}>
            <span className="visually-hidden">[{t("minutes.changes.added")}: </span>
            {p.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : (
          <del key={i}>
            <span className="visually-hidden">[{t("minutes.changes.removed")}: </span>
            {p.text}
            <span className="visually-hidden">]</span>
          </del>
        ),
      )}
    </p>
  );
}
