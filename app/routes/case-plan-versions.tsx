import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { requireCase } from "../../server/auth/guards.ts";
import { comparePlans } from "../contract/planChanges.ts";
import { PlanChangeList } from "../components/PlanChangeList.tsx";
import { PlanView } from "../components/PlanView.tsx";
import { formatMoment, useDateStyle } from "../dates.ts";
import { versionQuerySchema } from "../forms/plans.ts";
import type { Route } from "./+types/case-plan-versions";

const notFound = () => data({ reason: "not_found" }, { status: 404 });

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { theCase } = await requireCase(context, request, params.networkId, params.code, "case:view");
  const { actionPlans, networks } = context.services;
  const query = versionQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw notFound();
  const versions = await actionPlans.versions(theCase.id);
  const common = {
    base: `/n/${params.networkId}/cases/${theCase.code}`,
    versions,
    timeZone: (await networks.get(theCase.networkId))!.timeZone,
  };
  const { version, a, b } = query.data;
  if (version) {
    const one = await actionPlans.version(theCase.id, version);
    if (!one) throw notFound();
    return { ...common, reading: one, comparing: null };
  }
  if (a && b) {
    const [older, newer] = await Promise.all([actionPlans.version(theCase.id, a), actionPlans.version(theCase.id, b)]);
    if (!older || !newer) throw notFound();
    return {
      ...common,
      reading: null,
      comparing: { older, newer, changes: comparePlans(older.content, newer.content) },
    };
  }
  return { ...common, reading: null, comparing: null };
}

/** Every saved version of the plan: read any one, or compare any two side by side. */
export default function CasePlanVersions({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { base, versions, reading, comparing } = loaderData;
  const when = (at: Date | string) => formatMoment(at, dateStyle);
  const latest = versions[0]?.version ?? 0;
  const versionOptions = versions.map((v) => (
    <option key={v.version} value={v.version}>
      {t("plans.versions.option", { version: v.version, name: v.savedBy.name })}
    </option>
  ));
  return (
    <section aria-labelledby="versions-heading">
      <title>{`${t("plans.versions.title")} · ${t("app.name")}`}</title>
      <div className="page-heading">
        <h2 id="versions-heading">{t("plans.versions.title")}</h2>
        <Link to={`${base}/plan`}>{t("plans.versions.toPlan")}</Link>
      </div>
      {versions.length === 0 ? (
        <p className="lead">{t("plans.noPlanYet")}</p>
      ) : (
        <div className="versions-top">
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("plans.versions.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("plans.versions.version")}</th>
                  <th scope="col">{t("plans.versions.savedBy")}</th>
                  <th scope="col">{t("plans.versions.savedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.version} aria-current={reading?.version === v.version ? "true" : undefined}>
                    <th scope="row">
                      <Link to={`?version=${v.version}`} aria-label={t("plans.versions.read", { version: v.version })}>
                        {t("plans.versions.versionN", { version: v.version })}
                      </Link>
                    </th>
                    <td>{v.savedBy.name}</td>
                    <td>{when(v.savedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {versions.length > 1 && (
            <Form method="get" className="card form compare-form">
              <h3>{t("plans.versions.compareTitle")}</h3>
              <div className="field">
                <label htmlFor="compare-a">{t("plans.versions.compareA")}</label>
                <select id="compare-a" name="a" defaultValue={comparing?.older.version ?? latest - 1}>
                  {versionOptions}
                </select>
              </div>
              <div className="field">
                <label htmlFor="compare-b">{t("plans.versions.compareB")}</label>
                <select id="compare-b" name="b" defaultValue={comparing?.newer.version ?? latest}>
                  {versionOptions}
                </select>
              </div>
              <button type="submit" className="primary">
                {t("plans.versions.compare")}
              </button>
            </Form>
          )}
        </div>
      )}

      {reading && (
        <article className="card" aria-labelledby="reading-heading">
          <h3 id="reading-heading">{t("plans.versions.versionN", { version: reading.version })}</h3>
          <p className="muted">
            {t("plans.versions.savedByOn", { name: reading.savedBy.name, when: when(reading.savedAt) })}
          </p>
          {reading.version > 1 && (
            <Link to={`?a=${reading.version - 1}&b=${reading.version}`}>{t("plans.versions.compareWithPrevious")}</Link>
          )}
          <PlanView content={reading.content} level={4} />
        </article>
      )}

      {comparing && (
        <section aria-labelledby="compare-heading">
          <h3 id="compare-heading">
            {t("plans.versions.comparing", { a: comparing.older.version, b: comparing.newer.version })}
          </h3>
          <div className="card">
            <h4>{t("plans.compare.whatChanged")}</h4>
            <PlanChangeList changes={comparing.changes} />
          </div>
          <div className="side-by-side">
            {(
              [
                ["older", comparing.older],
                ["newer", comparing.newer],
              ] as const
            ).map(([side, v]) => (
              <article key={side} className="card" aria-labelledby={`side-${side}`}>
                <h4 id={`side-${side}`}>{t("plans.versions.versionN", { version: v.version })}</h4>
                <p className="muted">
                  {t("plans.versions.savedByOn", { name: v.savedBy.name, when: when(v.savedAt) })}
                </p>
                <PlanView content={v.content} changes={comparing.changes} side={side} level={5} />
              </article>
            ))}
          </div>
        </section>
      )}
    </section>
  );
}
