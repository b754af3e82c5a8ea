import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableName, is } from "drizzle-orm";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as pg from "../../db/schema-pg/index.ts";
import * as sqlite from "../../db/schema/index.ts";

// Each PostgreSQL table is the twin of SQLite's of the same name (decision 0040): services
// are typed against one and run on either, so their rows must be the same.

describe("the PostgreSQL schema", () => {
  it("has the row and insert types of SQLite's, table by table", () => {
    expectTypeOf<typeof pg.persons.$inferSelect>().toEqualTypeOf<typeof sqlite.persons.$inferSelect>();
    expectTypeOf<typeof pg.persons.$inferInsert>().toEqualTypeOf<typeof sqlite.persons.$inferInsert>();
    expectTypeOf<typeof pg.networks.$inferSelect>().toEqualTypeOf<typeof sqlite.networks.$inferSelect>();
    expectTypeOf<typeof pg.networks.$inferInsert>().toEqualTypeOf<typeof sqlite.networks.$inferInsert>();
    expectTypeOf<typeof pg.agencies.$inferSelect>().toEqualTypeOf<typeof sqlite.agencies.$inferSelect>();
    expectTypeOf<typeof pg.agencies.$inferInsert>().toEqualTypeOf<typeof sqlite.agencies.$inferInsert>();
    expectTypeOf<typeof pg.memberships.$inferSelect>().toEqualTypeOf<typeof sqlite.memberships.$inferSelect>();
    expectTypeOf<typeof pg.memberships.$inferInsert>().toEqualTypeOf<typeof sqlite.memberships.$inferInsert>();
    expectTypeOf<typeof pg.invitations.$inferSelect>().toEqualTypeOf<typeof sqlite.invitations.$inferSelect>();
    expectTypeOf<typeof pg.invitations.$inferInsert>().toEqualTypeOf<typeof sqlite.invitations.$inferInsert>();
    expectTypeOf<typeof pg.membershipGrants.$inferSelect>().toEqualTypeOf<
      typeof sqlite.membershipGrants.$inferSelect
    >();
    expectTypeOf<typeof pg.membershipGrants.$inferInsert>().toEqualTypeOf<
      typeof sqlite.membershipGrants.$inferInsert
    >();
    expectTypeOf<typeof pg.sessions.$inferSelect>().toEqualTypeOf<typeof sqlite.sessions.$inferSelect>();
    expectTypeOf<typeof pg.sessions.$inferInsert>().toEqualTypeOf<typeof sqlite.sessions.$inferInsert>();
    expectTypeOf<typeof pg.totpFactors.$inferSelect>().toEqualTypeOf<typeof sqlite.totpFactors.$inferSelect>();
    expectTypeOf<typeof pg.totpFactors.$inferInsert>().toEqualTypeOf<typeof sqlite.totpFactors.$inferInsert>();
    expectTypeOf<typeof pg.passkeys.$inferSelect>().toEqualTypeOf<typeof sqlite.passkeys.$inferSelect>();
    expectTypeOf<typeof pg.passkeys.$inferInsert>().toEqualTypeOf<typeof sqlite.passkeys.$inferInsert>();
    expectTypeOf<typeof pg.recoveryCodes.$inferSelect>().toEqualTypeOf<typeof sqlite.recoveryCodes.$inferSelect>();
    expectTypeOf<typeof pg.recoveryCodes.$inferInsert>().toEqualTypeOf<typeof sqlite.recoveryCodes.$inferInsert>();
    expectTypeOf<typeof pg.secondFactorResets.$inferSelect>().toEqualTypeOf<
      typeof sqlite.secondFactorResets.$inferSelect
    >();
    expectTypeOf<typeof pg.secondFactorResets.$inferInsert>().toEqualTypeOf<
      typeof sqlite.secondFactorResets.$inferInsert
    >();
    expectTypeOf<typeof pg.signInThrottle.$inferSelect>().toEqualTypeOf<typeof sqlite.signInThrottle.$inferSelect>();
    expectTypeOf<typeof pg.signInThrottle.$inferInsert>().toEqualTypeOf<typeof sqlite.signInThrottle.$inferInsert>();
    expectTypeOf<typeof pg.setupTokens.$inferSelect>().toEqualTypeOf<typeof sqlite.setupTokens.$inferSelect>();
    expectTypeOf<typeof pg.setupTokens.$inferInsert>().toEqualTypeOf<typeof sqlite.setupTokens.$inferInsert>();
    expectTypeOf<typeof pg.auditLog.$inferSelect>().toEqualTypeOf<typeof sqlite.auditLog.$inferSelect>();
    expectTypeOf<typeof pg.auditLog.$inferInsert>().toEqualTypeOf<typeof sqlite.auditLog.$inferInsert>();
    expectTypeOf<typeof pg.cases.$inferSelect>().toEqualTypeOf<typeof sqlite.cases.$inferSelect>();
    expectTypeOf<typeof pg.cases.$inferInsert>().toEqualTypeOf<typeof sqlite.cases.$inferInsert>();
    expectTypeOf<typeof pg.caseSubjects.$inferSelect>().toEqualTypeOf<typeof sqlite.caseSubjects.$inferSelect>();
    expectTypeOf<typeof pg.caseSubjects.$inferInsert>().toEqualTypeOf<typeof sqlite.caseSubjects.$inferInsert>();
    expectTypeOf<typeof pg.caseAgencies.$inferSelect>().toEqualTypeOf<typeof sqlite.caseAgencies.$inferSelect>();
    expectTypeOf<typeof pg.caseAgencies.$inferInsert>().toEqualTypeOf<typeof sqlite.caseAgencies.$inferInsert>();
    expectTypeOf<typeof pg.intakeLinks.$inferSelect>().toEqualTypeOf<typeof sqlite.intakeLinks.$inferSelect>();
    expectTypeOf<typeof pg.intakeLinks.$inferInsert>().toEqualTypeOf<typeof sqlite.intakeLinks.$inferInsert>();
    expectTypeOf<typeof pg.signals.$inferSelect>().toEqualTypeOf<typeof sqlite.signals.$inferSelect>();
    expectTypeOf<typeof pg.signals.$inferInsert>().toEqualTypeOf<typeof sqlite.signals.$inferInsert>();
    expectTypeOf<typeof pg.signalAnalyses.$inferSelect>().toEqualTypeOf<typeof sqlite.signalAnalyses.$inferSelect>();
    expectTypeOf<typeof pg.signalAnalyses.$inferInsert>().toEqualTypeOf<typeof sqlite.signalAnalyses.$inferInsert>();
    expectTypeOf<typeof pg.decisions.$inferSelect>().toEqualTypeOf<typeof sqlite.decisions.$inferSelect>();
    expectTypeOf<typeof pg.decisions.$inferInsert>().toEqualTypeOf<typeof sqlite.decisions.$inferInsert>();
    expectTypeOf<typeof pg.decisionCorrections.$inferSelect>().toEqualTypeOf<
      typeof sqlite.decisionCorrections.$inferSelect
    >();
    expectTypeOf<typeof pg.decisionCorrections.$inferInsert>().toEqualTypeOf<
      typeof sqlite.decisionCorrections.$inferInsert
    >();
    expectTypeOf<typeof pg.decisionViews.$inferSelect>().toEqualTypeOf<typeof sqlite.decisionViews.$inferSelect>();
    expectTypeOf<typeof pg.decisionViews.$inferInsert>().toEqualTypeOf<typeof sqlite.decisionViews.$inferInsert>();
    expectTypeOf<typeof pg.assessments.$inferSelect>().toEqualTypeOf<typeof sqlite.assessments.$inferSelect>();
    expectTypeOf<typeof pg.assessments.$inferInsert>().toEqualTypeOf<typeof sqlite.assessments.$inferInsert>();
    expectTypeOf<typeof pg.planVersions.$inferSelect>().toEqualTypeOf<typeof sqlite.planVersions.$inferSelect>();
    expectTypeOf<typeof pg.planVersions.$inferInsert>().toEqualTypeOf<typeof sqlite.planVersions.$inferInsert>();
    expectTypeOf<typeof pg.tasks.$inferSelect>().toEqualTypeOf<typeof sqlite.tasks.$inferSelect>();
    expectTypeOf<typeof pg.tasks.$inferInsert>().toEqualTypeOf<typeof sqlite.tasks.$inferInsert>();
    expectTypeOf<typeof pg.closureProposals.$inferSelect>().toEqualTypeOf<
      typeof sqlite.closureProposals.$inferSelect
    >();
    expectTypeOf<typeof pg.closureProposals.$inferInsert>().toEqualTypeOf<
      typeof sqlite.closureProposals.$inferInsert
    >();
    expectTypeOf<typeof pg.closureViews.$inferSelect>().toEqualTypeOf<typeof sqlite.closureViews.$inferSelect>();
    expectTypeOf<typeof pg.closureViews.$inferInsert>().toEqualTypeOf<typeof sqlite.closureViews.$inferInsert>();
    expectTypeOf<typeof pg.monitoringChecks.$inferSelect>().toEqualTypeOf<
      typeof sqlite.monitoringChecks.$inferSelect
    >();
    expectTypeOf<typeof pg.monitoringChecks.$inferInsert>().toEqualTypeOf<
      typeof sqlite.monitoringChecks.$inferInsert
    >();
    expectTypeOf<typeof pg.noteUpdates.$inferSelect>().toEqualTypeOf<typeof sqlite.noteUpdates.$inferSelect>();
    expectTypeOf<typeof pg.noteUpdates.$inferInsert>().toEqualTypeOf<typeof sqlite.noteUpdates.$inferInsert>();
    expectTypeOf<typeof pg.meetings.$inferSelect>().toEqualTypeOf<typeof sqlite.meetings.$inferSelect>();
    expectTypeOf<typeof pg.meetings.$inferInsert>().toEqualTypeOf<typeof sqlite.meetings.$inferInsert>();
    expectTypeOf<typeof pg.agendaItems.$inferSelect>().toEqualTypeOf<typeof sqlite.agendaItems.$inferSelect>();
    expectTypeOf<typeof pg.agendaItems.$inferInsert>().toEqualTypeOf<typeof sqlite.agendaItems.$inferInsert>();
    expectTypeOf<typeof pg.agendaItemGuests.$inferSelect>().toEqualTypeOf<
      typeof sqlite.agendaItemGuests.$inferSelect
    >();
    expectTypeOf<typeof pg.agendaItemGuests.$inferInsert>().toEqualTypeOf<
      typeof sqlite.agendaItemGuests.$inferInsert
    >();
    expectTypeOf<typeof pg.meetingParticipants.$inferSelect>().toEqualTypeOf<
      typeof sqlite.meetingParticipants.$inferSelect
    >();
    expectTypeOf<typeof pg.meetingParticipants.$inferInsert>().toEqualTypeOf<
      typeof sqlite.meetingParticipants.$inferInsert
    >();
    expectTypeOf<typeof pg.meetingEvents.$inferSelect>().toEqualTypeOf<typeof sqlite.meetingEvents.$inferSelect>();
    expectTypeOf<typeof pg.meetingEvents.$inferInsert>().toEqualTypeOf<typeof sqlite.meetingEvents.$inferInsert>();
    expectTypeOf<typeof pg.meetingOps.$inferSelect>().toEqualTypeOf<typeof sqlite.meetingOps.$inferSelect>();
    expectTypeOf<typeof pg.meetingOps.$inferInsert>().toEqualTypeOf<typeof sqlite.meetingOps.$inferInsert>();
    expectTypeOf<typeof pg.taskProposals.$inferSelect>().toEqualTypeOf<typeof sqlite.taskProposals.$inferSelect>();
    expectTypeOf<typeof pg.taskProposals.$inferInsert>().toEqualTypeOf<typeof sqlite.taskProposals.$inferInsert>();
    expectTypeOf<typeof pg.actionReviews.$inferSelect>().toEqualTypeOf<typeof sqlite.actionReviews.$inferSelect>();
    expectTypeOf<typeof pg.actionReviews.$inferInsert>().toEqualTypeOf<typeof sqlite.actionReviews.$inferInsert>();
    expectTypeOf<typeof pg.raisedHands.$inferSelect>().toEqualTypeOf<typeof sqlite.raisedHands.$inferSelect>();
    expectTypeOf<typeof pg.raisedHands.$inferInsert>().toEqualTypeOf<typeof sqlite.raisedHands.$inferInsert>();
    expectTypeOf<typeof pg.minutesVersions.$inferSelect>().toEqualTypeOf<typeof sqlite.minutesVersions.$inferSelect>();
    expectTypeOf<typeof pg.minutesVersions.$inferInsert>().toEqualTypeOf<typeof sqlite.minutesVersions.$inferInsert>();
    expectTypeOf<typeof pg.minutesWording.$inferSelect>().toEqualTypeOf<typeof sqlite.minutesWording.$inferSelect>();
    expectTypeOf<typeof pg.minutesWording.$inferInsert>().toEqualTypeOf<typeof sqlite.minutesWording.$inferInsert>();
    expectTypeOf<typeof pg.minutesReceipts.$inferSelect>().toEqualTypeOf<typeof sqlite.minutesReceipts.$inferSelect>();
    expectTypeOf<typeof pg.minutesReceipts.$inferInsert>().toEqualTypeOf<typeof sqlite.minutesReceipts.$inferInsert>();
    expectTypeOf<typeof pg.deliveries.$inferSelect>().toEqualTypeOf<typeof sqlite.deliveries.$inferSelect>();
    expectTypeOf<typeof pg.deliveries.$inferInsert>().toEqualTypeOf<typeof sqlite.deliveries.$inferInsert>();
    expectTypeOf<typeof pg.meetingAnswers.$inferSelect>().toEqualTypeOf<typeof sqlite.meetingAnswers.$inferSelect>();
    expectTypeOf<typeof pg.meetingAnswers.$inferInsert>().toEqualTypeOf<typeof sqlite.meetingAnswers.$inferInsert>();
    expectTypeOf<typeof pg.listedBases.$inferSelect>().toEqualTypeOf<typeof sqlite.listedBases.$inferSelect>();
    expectTypeOf<typeof pg.listedBases.$inferInsert>().toEqualTypeOf<typeof sqlite.listedBases.$inferInsert>();
    expectTypeOf<typeof pg.caseSharingBases.$inferSelect>().toEqualTypeOf<
      typeof sqlite.caseSharingBases.$inferSelect
    >();
    expectTypeOf<typeof pg.caseSharingBases.$inferInsert>().toEqualTypeOf<
      typeof sqlite.caseSharingBases.$inferInsert
    >();
    expectTypeOf<typeof pg.agencyUpdates.$inferSelect>().toEqualTypeOf<typeof sqlite.agencyUpdates.$inferSelect>();
    expectTypeOf<typeof pg.agencyUpdates.$inferInsert>().toEqualTypeOf<typeof sqlite.agencyUpdates.$inferInsert>();
    expectTypeOf<typeof pg.agencyUpdateTasks.$inferSelect>().toEqualTypeOf<
      typeof sqlite.agencyUpdateTasks.$inferSelect
    >();
    expectTypeOf<typeof pg.agencyUpdateTasks.$inferInsert>().toEqualTypeOf<
      typeof sqlite.agencyUpdateTasks.$inferInsert
    >();
    expectTypeOf<typeof pg.writtenProcedures.$inferSelect>().toEqualTypeOf<
      typeof sqlite.writtenProcedures.$inferSelect
    >();
    expectTypeOf<typeof pg.writtenProcedures.$inferInsert>().toEqualTypeOf<
      typeof sqlite.writtenProcedures.$inferInsert
    >();
    expectTypeOf<typeof pg.writtenAnswers.$inferSelect>().toEqualTypeOf<typeof sqlite.writtenAnswers.$inferSelect>();
    expectTypeOf<typeof pg.writtenAnswers.$inferInsert>().toEqualTypeOf<typeof sqlite.writtenAnswers.$inferInsert>();
    expectTypeOf<typeof pg.accessRequests.$inferSelect>().toEqualTypeOf<typeof sqlite.accessRequests.$inferSelect>();
    expectTypeOf<typeof pg.accessRequests.$inferInsert>().toEqualTypeOf<typeof sqlite.accessRequests.$inferInsert>();
  });

  const tables = Object.entries(pg).filter(([, table]) => table instanceof PgTable);

  it("holds a twin of every SQLite table, and only twins", () => {
    const sqliteTables = Object.entries(sqlite).filter(([, table]) => is(table, SQLiteTable));
    expect(tables.map(([name]) => name).sort()).toEqual(sqliteTables.map(([name]) => name).sort());
  });

  it.each(tables.map(([name]) => name))("%s: the same table, columns, keys and indexes", (name) => {
    const p = pgConfig(pg[name as keyof typeof pg] as PgTable);
    const s = sqliteConfig(sqlite[name as keyof typeof sqlite] as SQLiteTable);
    const columns = (
      cs: { name: string; notNull: boolean; primary: boolean; hasDefault: boolean; isUnique: boolean }[],
    ) => cs.map((c) => [c.name, c.notNull, c.primary, c.hasDefault, c.isUnique]).sort();
    expect(p.name).toBe(s.name);
    expect(columns(p.columns)).toEqual(columns(s.columns));
    const keys = (ks: { columns: { name: string }[] }[]) => ks.map((k) => k.columns.map((c) => c.name));
    expect(keys(p.primaryKeys)).toEqual(keys(s.primaryKeys));
    const indexes = (is: { config: { name?: string; unique: boolean } }[]) =>
      is.map((i) => [i.config.name, i.config.unique]).sort();
    expect(indexes(p.indexes)).toEqual(indexes(s.indexes));
    const references = (
      fks: { reference: () => { columns: { name: string }[]; foreignTable: object }; onDelete?: string }[],
    ) =>
      fks
        .map((f) => {
          const r = f.reference();
          return [
            r.columns.map((c) => c.name).join(),
            getTableName(r.foreignTable as never),
            f.onDelete ?? "no action",
          ].join();
        })
        .sort();
    expect(references(p.foreignKeys)).toEqual(references(s.foreignKeys));
  });
});
