import { sql } from "drizzle-orm";
import { customType, timestamp } from "drizzle-orm/pg-core";

/** A moment to the millisecond, read as a Date: the counterpart of SQLite's `integer(…, { mode: "timestamp_ms" })`. */
export const moment = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

/** Set by the application (decision 0040); the database default only serves hand-written SQL. */
export const now = (name: string) =>
  moment(name)
    .notNull()
    .default(sql`now()`)
    .$defaultFn(() => new Date());

/** Bytes read as a Buffer: the counterpart of SQLite's `blob(…, { mode: "buffer" })` (pg reads bytea as a Buffer). */
export const bytes = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => "bytea",
});
