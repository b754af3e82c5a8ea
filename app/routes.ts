import { index, layout, prefix, route, type RouteConfig } from "@react-router/dev/routes";

export default [
  index("routes/networks.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  route("setup/:token", "routes/setup.tsx"),
  route("invite/:token", "routes/invite.tsx"),
  route("intake/:token", "routes/intake.tsx"),
  route("account", "routes/account.tsx"),
  route("networks/new", "routes/networks-new.tsx"),
  ...prefix("n/:networkId", [
    // A resource route (a file, not a page): outside the network layout.
    route("cases/:code/plan.pdf", "routes/case-plan-pdf.tsx"),
    layout("routes/network.tsx", [
      index("routes/network-home.tsx"),
      route("members", "routes/members.tsx"),
      route("members/invite", "routes/members-invite.tsx"),
      route("members/:membershipId", "routes/member.tsx"),
      route("agencies", "routes/agencies.tsx"),
      route("audit", "routes/audit.tsx"),
      route("settings", "routes/settings.tsx"),
      route("signals", "routes/signals.tsx"),
      route("signals/new", "routes/signals-new.tsx"),
      route("intake", "routes/intake-links.tsx"),
      route("report", "routes/report.tsx"),
      route("notes/:doc", "routes/notes-scratch.tsx"),
      route("cases", "routes/cases.tsx"),
      route("cases/:code", "routes/case-layout.tsx", [
        index("routes/case.tsx"),
        route("analysis", "routes/case-analysis.tsx"),
        route("assessments", "routes/case-assessments.tsx"),
        route("plan", "routes/case-plan.tsx"),
        route("plan/versions", "routes/case-plan-versions.tsx"),
        route("closure", "routes/case-closure.tsx"),
      ]),
    ]),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
