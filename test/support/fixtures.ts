import type { Services } from "../../server/services.ts";
import { DEMO_PEOPLE, seedDemo } from "../../server/demo/seed.ts";
import { Visitor } from "./http.ts";

export const PASSWORD = "correct horse battery staple";

/** The demo network, for tests that need people in every role. */
export async function seedNetwork(services: Services) {
  const { networkId } = await seedDemo(services, PASSWORD);
  const members = await services.members.list(networkId);
  const byRole = (role: string) => members.find((m) => m.role === role)!;
  // Most tests sign in with a password alone; the second factor's own tests ask for it again.
  await withoutSecondFactor(services, networkId, byRole("admin").personId);
  return { networkId, members, byRole, people: DEMO_PEOPLE };
}

/** The network's setting that some roles must use a second factor, turned off (no role needs one). */
export async function withoutSecondFactor(services: Services, networkId: string, adminId: string): Promise<void> {
  await services.secondFactor.setRoles({ personId: adminId, ip: null }, networkId, []);
}

/** The seeded demo network: its id, its members, one member by role. */
export type Network = Awaited<ReturnType<typeof seedNetwork>>;

/** Signs in through the real sign-in form. */
export async function signedIn(baseUrl: string, email: string, password = PASSWORD): Promise<Visitor> {
  const visitor = new Visitor(baseUrl);
  const res = await visitor.post("/sign-in", { email, password });
  if (res.status !== 302 && res.status !== 204) throw new Error(`Sign-in of ${email} failed with ${res.status}`);
  return visitor;
}
