import { index, layout, prefix, route, type RouteConfig } from "@react-router/dev/routes";

export default [
  index("routes/networks.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  route("setup/:token", "routes/setup.tsx"),
  route("invite/:token", "routes/invite.tsx"),
  route("account", "routes/account.tsx"),
  route("networks/new", "routes/networks-new.tsx"),
  ...prefix("n/:networkId", [
    layout("routes/network.tsx", [
      index("routes/network-home.tsx"),
      route("members", "routes/members.tsx"),
      route("members/invite", "routes/members-invite.tsx"),
      route("members/:membershipId", "routes/member.tsx"),
      route("agencies", "routes/agencies.tsx"),
      route("audit", "routes/audit.tsx"),
    ]),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
