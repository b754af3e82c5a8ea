import { index, pgTable, text } from "drizzle-orm/pg-core";
import { moment, now } from "./columns.ts";
import { SHARING_BASES } from "../../app/contract/sharingBasis.ts";
import { cases } from "./cases.ts";
import { networks, persons } from "./people.ts";

// The PostgreSQL twin of db/schema/sharingBasis.ts (decision 0040).

export const listedBases = pgTable(
  "listed_bases",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    name: text("name").notNull(),
    reference: text("reference").notNull(),
    createdAt: now("created_at"),
    retiredAt: moment("retired_at"),
  },
  (t) => [index("listed_bases_network").on(t.networkId)],
);

export const caseSharingBases = pgTable(
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
    basis: text("basis", { enum: SHARING_BASES }).notNull(),
    listedBasisId: text("listed_basis_id").references(() => listedBases.id),
    basisName: text("basis_name"),
    basisReference: text("basis_reference"),
    caseReference: text("case_reference"),
    effectiveOn: text("effective_on").notNull(),
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
