import { count, eq } from "drizzle-orm";
import type { Sector } from "../../db/schema/people.ts";
import type { Query, Store } from "../../db/store.ts";
import type { AuditChain } from "../audit/auditLog.ts";
import type { Networks } from "../networks/networks.ts";
import type { Accounts } from "./accounts.ts";
import type { Sessions } from "./sessions.ts";
import { hashToken, newToken } from "./tokens.ts";

export interface FirstAdministrator {
  name: string;
  email: string;
  password: string;
  networkName: string;
  timeZone: string;
  agencyName: string;
  agencySector: Sector;
}

/**
 * First run: while nobody has an account, a one-time setup link lets the first
 * administrator in. There is no default password anywhere.
 */
export function createSetup(deps: {
  store: Store;
  audit: AuditChain;
  accounts: Accounts;
  networks: Networks;
  sessions: Sessions;
}) {
  const { store, audit, accounts, networks, sessions } = deps;
  const { t } = store;

  async function isFresh(q: Query = store.db): Promise<boolean> {
    const [row] = await q.select({ n: count() }).from(t.persons);
    return (row?.n ?? 0) === 0;
  }

  return {
    isFresh,

    /** On an empty database, issues a new setup token (replacing any earlier one); otherwise null. */
    async issueToken(): Promise<string | null> {
      const token = newToken();
      return store.transaction(async (tx) => {
        if (!(await isFresh(tx))) return null;
        await tx.delete(t.setupTokens);
        await tx.insert(t.setupTokens).values({ tokenHash: hashToken(token) });
        return token;
      });
    },

    async isValid(token: string): Promise<boolean> {
      if (!(await isFresh())) return false;
      const [found] = await store.db
        .select({ tokenHash: t.setupTokens.tokenHash })
        .from(t.setupTokens)
        .where(eq(t.setupTokens.tokenHash, hashToken(token)));
      return found !== undefined;
    },

    async complete(
      token: string,
      input: FirstAdministrator,
      meta: { ip: string; userAgent: string | null },
    ): Promise<{ ok: true; sessionToken: string; networkId: string } | { ok: false }> {
      const passwordHash = await accounts.hashPassword(input.password);
      return store.transaction(async (tx) => {
        // Deleting the token is what makes the link single-use, even if two people race.
        const used = await tx.delete(t.setupTokens).where(eq(t.setupTokens.tokenHash, hashToken(token)));
        if (store.changedRows(used) === 0 || !(await isFresh(tx))) return { ok: false };
        const personId = await accounts.insertPerson(tx, {
          email: input.email,
          name: input.name,
          passwordHash,
          isInstanceAdmin: true,
        });
        const sessionToken = await sessions.start(tx, personId, meta);
        const actor = { personId, ip: meta.ip };
        // Its audit entries come last (the chain's lock is held to the commit): nothing is written after them.
        const networkId = await networks.insertNetwork(tx, actor, input);
        await audit.append(tx, actor, { action: "setup.completed", subjectType: "person", subjectId: personId });
        return { ok: true, sessionToken, networkId };
      });
    },
  };
}
