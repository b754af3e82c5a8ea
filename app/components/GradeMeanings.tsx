import { useTranslation } from "react-i18next";
import type { GradingScale } from "../contract/vocabulary.ts";
import { dimensionKey, gradesOf, meaningKey, usesHandling, type GradeDimension } from "../contract/grading.ts";

/** Every grade of a scale with its meaning, so nobody grades from memory. */
export function GradeMeanings({ scale }: { scale: GradingScale }) {
  const { t } = useTranslation();
  const dimensions: GradeDimension[] = usesHandling(scale)
    ? ["source", "information", "handling"]
    : ["source", "information"];
  return (
    <div className="grade-meanings">
      {dimensions.map((d) => (
        <div key={d}>
          <p className="grade-dimension">{t(dimensionKey(scale, d))}</p>
          <dl>
            {gradesOf(scale, d).map((g) => (
              <div key={g} className="grade-row">
                <dt>{g}</dt>
                <dd>{t(meaningKey(scale, d, g))}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}
