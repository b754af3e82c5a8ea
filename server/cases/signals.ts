import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";
import { signals } from "../../db/schema/index.ts";
import type { SignalChannel } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import type { Keyring } from "../crypto/keyring.ts";
import { openValue, sealValue } from "../crypto/sealedColumns.ts";
import type { CaseRegister, SubjectIdentity } from "./caseRegister.ts";

export interface Reporter {
  name: string | null;
  organisation: string | null;
  contact: string | null;
  /** The reporter asked that other agencies not learn who they are. */
  withheld: boolean;
}

export interface NewSignal {
  networkId: string;
  receivedAt: Date;
  channel: SignalChannel;
  reporter: Reporter;
  concern: string;
  /** The neutral summary the chair may share with every agency; may be written later. */
  summary: string;
  subject: SubjectIdentity;
}

export interface RegisteredSignal {
  signalId: string;
  caseId: string;
  code: string;
  isMinor: boolean;
}

/** Told after a signal is stored, so that the chairs and coordinators online hear of it. */
export interface SignalRegisteredNotice {
  networkId: string;
  code: string;
}

/** A signal row with its reporter's details opened (they are sealed at rest, decision 0028). */
export function openReporter<
  T extends Pick<typeof signals.$inferSelect, "id" | "reporterName" | "reporterOrganisation" | "reporterContact">,
>(keyring: Keyring, row: T): T {
  return {
    ...row,
    reporterName: openValue(keyring, signals.reporterName, row.id, row.reporterName),
    reporterOrganisation: openValue(keyring, signals.reporterOrganisation, row.id, row.reporterOrganisation),
    reporterContact: openValue(keyring, signals.reporterContact, row.id, row.reporterContact),
  };
}

export function createSignals(deps: { store: Store; audit: AuditChain; caseRegister: CaseRegister; keyring: Keyring }) {
  const { store, audit, caseRegister, keyring } = deps;
  const { t } = store;
  const registered = new EventEmitter();

  /**
   * Inside the caller's transaction: opens the case (code, identity apart, minor flag)
   * and stores the signal. Who registered it and from where is in the audit entry.
   */
  async function insert(
    tx: Query,
    actor: AuditActor,
    input: NewSignal,
    extra: { registeredBy: string | null; intakeLinkId: string | null; receipt: string | null },
  ): Promise<RegisteredSignal> {
    const opened = await caseRegister.openCase(tx, actor, {
      networkId: input.networkId,
      summary: input.summary,
      subject: input.subject,
    });
    const signalId = randomUUID();
    await tx.insert(t.signals).values({
      id: signalId,
      networkId: input.networkId,
      caseId: opened.id,
      receivedAt: input.receivedAt,
      channel: input.channel,
      reporterName: sealValue(keyring, t.signals.reporterName, signalId, input.reporter.name),
      reporterOrganisation: sealValue(keyring, t.signals.reporterOrganisation, signalId, input.reporter.organisation),
      reporterContact: sealValue(keyring, t.signals.reporterContact, signalId, input.reporter.contact),
      reporterWithheld: input.reporter.withheld,
      concern: input.concern,
      ...extra,
    });
    await audit.append(tx, actor, {
      action: "signal.registered",
      networkId: input.networkId,
      subjectType: "signal",
      subjectId: signalId,
      details: {
        code: opened.code,
        channel: input.channel,
        via: extra.intakeLinkId ? "intake_link" : "form",
        intakeLinkId: extra.intakeLinkId,
      },
    });
    return { signalId, caseId: opened.id, code: opened.code, isMinor: opened.isMinor };
  }

  /** Tells listeners after the transaction has committed: nothing is announced before it is stored. */
  function announce(networkId: string, code: string) {
    queueMicrotask(() => registered.emit("registered", { networkId, code } satisfies SignalRegisteredNotice));
  }

  return {
    insert,
    announce,

    /** A member registers a signal; their agency is involved in the case from the start. */
    async register(
      actor: AuditActor & { personId: string },
      input: NewSignal & { agencyId: string },
    ): Promise<RegisteredSignal> {
      const result = await store.transaction(async (tx) => {
        const out = await insert(tx, actor, input, {
          registeredBy: actor.personId,
          intakeLinkId: null,
          receipt: null,
        });
        const [theCase] = await tx.select().from(t.cases).where(eq(t.cases.id, out.caseId));
        const involved = await caseRegister.setInvolvedAgencies(actor, theCase, [input.agencyId], tx);
        // The registering member's own agency: another network's is a caller's mistake, and nothing is kept.
        if (!involved.ok) throw new Error(`Agency ${input.agencyId} is not of network ${input.networkId}.`);
        return out;
      });
      announce(input.networkId, result.code);
      return result;
    },

    onRegistered(listener: (notice: SignalRegisteredNotice) => void): void {
      registered.on("registered", listener);
    },

    /** The shared inbox: every signal whose case is still at the signal stage, newest first. */
    async inbox(networkId: string) {
      const rows = await store.db
        .select({
          signalId: t.signals.id,
          code: t.cases.code,
          isMinor: t.cases.isMinor,
          receivedAt: t.signals.receivedAt,
          channel: t.signals.channel,
          concern: t.signals.concern,
          viaIntake: t.signals.intakeLinkId,
        })
        .from(t.signals)
        .innerJoin(t.cases, eq(t.cases.id, t.signals.caseId))
        .where(and(eq(t.signals.networkId, networkId), eq(t.cases.stage, "signal"), isNull(t.cases.restrictedAt)))
        .orderBy(desc(t.signals.receivedAt), desc(t.signals.createdAt));
      const ids = rows.map((r) => r.signalId);
      const analysed = new Set(
        ids.length
          ? (
              await store.db
                .selectDistinct({ id: t.signalAnalyses.signalId })
                .from(t.signalAnalyses)
                .where(inArray(t.signalAnalyses.signalId, ids))
            ).map((r) => r.id)
          : [],
      );
      return rows.map(({ viaIntake, ...r }) => ({
        ...r,
        viaIntake: viaIntake !== null,
        analysed: analysed.has(r.signalId),
      }));
    },

    async inboxCount(networkId: string): Promise<number> {
      const [row] = await store.db
        .select({ n: count() })
        .from(t.signals)
        .innerJoin(t.cases, eq(t.cases.id, t.signals.caseId))
        .where(and(eq(t.signals.networkId, networkId), eq(t.cases.stage, "signal"), isNull(t.cases.restrictedAt)));
      return row?.n ?? 0;
    },

    /** The signals of one case, oldest first, with the reporter's details. */
    async ofCase(caseId: string) {
      const rows = await store.db
        .select()
        .from(t.signals)
        .where(eq(t.signals.caseId, caseId))
        .orderBy(t.signals.receivedAt);
      return rows.map((row) => openReporter(keyring, row));
    },
  };
}

export type Signals = ReturnType<typeof createSignals>;
