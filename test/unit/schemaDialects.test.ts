import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
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
    expectTypeOf<typeof pg.meetings.$inferSelect>().toEqualTypeOf<typeof sqlite.meetings.$inferSelect>();
    expectTypeOf<typeof pg.meetings.$inferInsert>().toEqualTypeOf<typeof sqlite.meetings.$inferInsert>();
    expectTypeOf<typeof pg.meetingParticipants.$inferSelect>().toEqualTypeOf<
      typeof sqlite.meetingParticipants.$inferSelect
    >();
    expectTypeOf<typeof pg.meetingParticipants.$inferInsert>().toEqualTypeOf<
      typeof sqlite.meetingParticipants.$inferInsert
    >();
    expectTypeOf<typeof pg.meetingAnswers.$inferSelect>().toEqualTypeOf<typeof sqlite.meetingAnswers.$inferSelect>();
    expectTypeOf<typeof pg.meetingAnswers.$inferInsert>().toEqualTypeOf<typeof sqlite.meetingAnswers.$inferInsert>();
    expectTypeOf<typeof pg.auditLog.$inferSelect>().toEqualTypeOf<typeof sqlite.auditLog.$inferSelect>();
    expectTypeOf<typeof pg.auditLog.$inferInsert>().toEqualTypeOf<typeof sqlite.auditLog.$inferInsert>();
  });

  const tables = Object.entries(pg).filter(([, table]) => table instanceof PgTable);

  it("holds only twins of SQLite's tables", () => {
    expect(tables.length).toBeGreaterThan(0);
    for (const [name] of tables) expect(sqlite, name).toHaveProperty(name);
  });

  it.each(tables.map(([name]) => name))("%s: the same table, columns, keys and indexes", (name) => {
    const p = pgConfig(pg[name as keyof typeof pg] as PgTable);
    const s = sqliteConfig(sqlite[name as keyof typeof sqlite] as SQLiteTable);
    const columns = (cs: { name: string; notNull: boolean; primary: boolean; hasDefault: boolean }[]) =>
      cs.map((c) => [c.name, c.notNull, c.primary, c.hasDefault]).sort();
    expect(p.name).toBe(s.name);
    expect(columns(p.columns)).toEqual(columns(s.columns));
    const keys = (ks: { columns: { name: string }[] }[]) => ks.map((k) => k.columns.map((c) => c.name));
    expect(keys(p.primaryKeys)).toEqual(keys(s.primaryKeys));
    const indexes = (is: { config: { name?: string; unique: boolean } }[]) =>
      is.map((i) => [i.config.name, i.config.unique]).sort();
    expect(indexes(p.indexes)).toEqual(indexes(s.indexes));
    const references = (fks: { reference: () => { columns: { name: string }[] } }[]) =>
      fks
        .map((f) =>
          f
            .reference()
            .columns.map((c) => c.name)
            .join(),
        )
        .sort();
    expect(references(p.foreignKeys)).toEqual(references(s.foreignKeys));
  });
});
