import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { SHARING_BASES } from "../../app/contract/sharingBasis.ts";
import { cases } from "./cases.ts";
import { networks, persons } from "./people.ts";

const now = (name: string) =>
  integer(name, { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`)
    .$defaultFn(() => new Date());

/** The bases other than consent a network shares case information on (e.g. a statutory duty), each with its reference. */
export const listedBases = sqliteTable(
  "listed_bases",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    name: text("name").notNull(),
    reference: text("reference").notNull(),
    createdAt: now("created_at"),
    /** No longer offered; cases recorded on it keep it. */
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("listed_bases_network").on(t.networkId)],
);

/**
 * Each case's sharing basis over time: a basis recorded, or a consent withdrawn. Rows are
 * never changed; the newest counts. A listed basis is copied (name, reference), so the
 * record says what it was even if the network's list changes later.
 */
export const caseSharingBases = sqliteTable(
  "case_sharing_bases",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    event: text("event", { enum: ["recorded", "withdrawn"] }).notNull(),
    /** For a withdrawal: the consent withdrawn. */
    basis: text("basis", { enum: SHARING_BASES }).notNull(),
    listedBasisId: text("listed_basis_id").references(() => listedBases.id),
    basisName: text("basis_name"),
    basisReference: text("basis_reference"),
    caseReference: text("case_reference"),
    /** The day consent was given (or withdrawn), or the other basis established. */
    effectiveOn: text("effective_on").notNull(),
    /** The member who obtained it (for a withdrawal: who was told). */
    obtainedBy: text("obtained_by")
      .notNull()
      .references(() => persons.id),
    note: text("note"),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => persons.id),
    recordedAt: now("recorded_at"),
  },
  (t) => [index("case_sharing_bases_case").on(t.caseId, t.recordedAt)],
);
