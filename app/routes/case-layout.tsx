import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { requireCase } from "../../server/auth/guards.ts";
import type { Route } from "./+types/case-layout";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, theCase } = await requireCase(context, request, params.networkId, params.code, "case:view");
  const { canOnCase } = context.services.policy;
  return {
    theCase: { code: theCase.code, stage: theCase.stage, outcome: theCase.outcome, isMinor: theCase.isMinor },
    tabs: {
      analysis: canOnCase(viewer, "case:analyse", theCase.scope),
      assessments: canOnCase(viewer, "case:view", theCase.scope),
      plan: canOnCase(viewer, "case:view", theCase.scope),
      closure: canOnCase(viewer, "case:view", theCase.scope),
    },
  };
}

/** Every page of one case: its code, stage and the tabs of its file. */
export default function CaseLayout({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { theCase, tabs } = loaderData;
  return (
    <div className="page">
      <div className="case-heading">
        <h1>
          <span className="case-code">{theCase.code}</span>
        </h1>
        <span className={`stage stage-${theCase.stage}`}>{t(`stages.${theCase.stage}`)}</span>
        {theCase.outcome && <span className="badge">{t(`cases.outcomes.${theCase.outcome}`)}</span>}
        {theCase.isMinor && <span className="badge warning">{t("cases.minor")}</span>}
      </div>
      <nav aria-label={t("cases.fileNavigation")} className="tabs">
        <NavLink to="." end>
          {t("cases.tabs.file")}
        </NavLink>
        {tabs.analysis && <NavLink to="analysis">{t("cases.tabs.analysis")}</NavLink>}
        {tabs.assessments && <NavLink to="assessments">{t("cases.tabs.assessments")}</NavLink>}
        {tabs.plan && (
          <NavLink to="plan" end>
            {t("cases.tabs.plan")}
          </NavLink>
        )}
        {tabs.plan && <NavLink to="plan/versions">{t("cases.tabs.planVersions")}</NavLink>}
        {tabs.closure && <NavLink to="closure">{t("cases.tabs.closure")}</NavLink>}
      </nav>
      <Outlet />
    </div>
  );
}
