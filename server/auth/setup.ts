import { count, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { persons, setupTokens } from "../../db/schema/index.ts";
import type { Sector } from "../../db/schema/people.ts";
import type { AuditLog } from "../audit/auditLog.ts";
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
  db: Db;
  audit: AuditLog;
  accounts: Accounts;
  networks: Networks;
  sessions: Sessions;
}) {
  const { db, audit, accounts, networks, sessions } = deps;

  function isFresh(): boolean {
    return (db.select({ n: count() }).from(persons).get()?.n ?? 0) === 0;
  }

  return {
    isFresh,

    /** On an empty database, issues a new setup token (replacing any earlier one); otherwise null. */
    issueToken(): string | null {
      if (!isFresh()) return null;
      const token = newToken();
      db.transaction((tx) => {
        tx.delete(setupTokens).run();
        tx.insert(setupTokens)
          .values({ tokenHash: hashToken(token) })
          .run();
      });
      return token;
    },

    isValid(token: string): boolean {
      return (
        isFresh() &&
        db
          .select()
          .from(setupTokens)
          .where(eq(setupTokens.tokenHash, hashToken(token)))
          .get() !== undefined
      );
    },

    async complete(
      token: string,
      input: FirstAdministrator,
      meta: { ip: string; userAgent: string | null },
    ): Promise<{ ok: true; sessionToken: string; networkId: string } | { ok: false }> {
      const passwordHash = await accounts.hashPassword(input.password);
      return db.transaction((tx) => {
        // Deleting the token is what makes the link single-use, even if two people race.
        const used = tx
          .delete(setupTokens)
          .where(eq(setupTokens.tokenHash, hashToken(token)))
          .run();
        if (used.changes === 0 || !isFresh()) return { ok: false };
        const personId = accounts.insertPerson(tx, {
          email: input.email,
          name: input.name,
          passwordHash,
          isInstanceAdmin: true,
        });
        const actor = { personId, ip: meta.ip };
        audit.append(actor, { action: "setup.completed", subjectType: "person", subjectId: personId }, tx);
        const networkId = networks.insertNetwork(tx, actor, input);
        const sessionToken = sessions.start(personId, meta, tx);
        return { ok: true, sessionToken, networkId };
      });
    },
  };
}
