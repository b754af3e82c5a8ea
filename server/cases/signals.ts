import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { cases, signalAnalyses, signals } from "../../db/schema/index.ts";
import type { SignalChannel } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import type { Keyring } from "../crypto/keyring.ts";
import { openValue, sealValue } from "../crypto/sealedColumns.ts";
import type { CaseRegister, SubjectIdentity } from "./caseRegister.ts";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

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

export function createSignals(deps: { db: Db; audit: AuditLog; caseRegister: CaseRegister; keyring: Keyring }) {
  const { db, audit, caseRegister, keyring } = deps;
  const registered = new EventEmitter();

  /**
   * Inside the caller's transaction: opens the case (code, identity apart, minor flag)
   * and stores the signal. Who registered it and from where is in the audit entry.
   */
  function insert(
    tx: Tx,
    actor: AuditActor,
    input: NewSignal,
    extra: { registeredBy: string | null; intakeLinkId: string | null; receipt: string | null },
  ): RegisteredSignal {
    const opened = caseRegister.openCase(tx, actor, {
      networkId: input.networkId,
      summary: input.summary,
      subject: input.subject,
    });
    const signalId = randomUUID();
    tx.insert(signals)
      .values({
        id: signalId,
        networkId: input.networkId,
        caseId: opened.id,
        receivedAt: input.receivedAt,
        channel: input.channel,
        reporterName: sealValue(keyring, signals.reporterName, signalId, input.reporter.name),
        reporterOrganisation: sealValue(keyring, signals.reporterOrganisation, signalId, input.reporter.organisation),
        reporterContact: sealValue(keyring, signals.reporterContact, signalId, input.reporter.contact),
        reporterWithheld: input.reporter.withheld,
        concern: input.concern,
        ...extra,
      })
      .run();
    audit.append(
      actor,
      {
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
      },
      tx,
    );
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
    register(actor: AuditActor & { personId: string }, input: NewSignal & { agencyId: string }): RegisteredSignal {
      const result = db.transaction((tx) => {
        const out = insert(tx, actor, input, { registeredBy: actor.personId, intakeLinkId: null, receipt: null });
        const theCase = tx.select().from(cases).where(eq(cases.id, out.caseId)).get()!;
        caseRegister.setInvolvedAgencies(actor, theCase, [input.agencyId], tx);
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
      const rows = db
        .select({
          signalId: signals.id,
          code: cases.code,
          isMinor: cases.isMinor,
          receivedAt: signals.receivedAt,
          channel: signals.channel,
          concern: signals.concern,
          viaIntake: signals.intakeLinkId,
        })
        .from(signals)
        .innerJoin(cases, eq(cases.id, signals.caseId))
        .where(and(eq(signals.networkId, networkId), eq(cases.stage, "signal"), isNull(cases.restrictedAt)))
        .orderBy(desc(signals.receivedAt), desc(signals.createdAt))
        .all();
      const ids = rows.map((r) => r.signalId);
      const analysed = new Set(
        ids.length
          ? db
              .selectDistinct({ id: signalAnalyses.signalId })
              .from(signalAnalyses)
              .where(inArray(signalAnalyses.signalId, ids))
              .all()
              .map((r) => r.id)
          : [],
      );
      return rows.map(({ viaIntake, ...r }) => ({
        ...r,
        viaIntake: viaIntake !== null,
        analysed: analysed.has(r.signalId),
      }));
    },

    async inboxCount(networkId: string): Promise<number> {
      const row = db
        .select({ n: count() })
        .from(signals)
        .innerJoin(cases, eq(cases.id, signals.caseId))
        .where(and(eq(signals.networkId, networkId), eq(cases.stage, "signal"), isNull(cases.restrictedAt)))
        .get();
      return row?.n ?? 0;
    },

    /** The signals of one case, oldest first, with the reporter's details. */
    async ofCase(caseId: string) {
      return db
        .select()
        .from(signals)
        .where(eq(signals.caseId, caseId))
        .orderBy(signals.receivedAt)
        .all()
        .map((row) => openReporter(keyring, row));
    },
  };
}

export type Signals = ReturnType<typeof createSignals>;
