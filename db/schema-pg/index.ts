// The PostgreSQL schema (decision 0040): each file the twin of db/schema's file of the same
// name, with the same tables, columns and row types (test/unit/schemaDialects.test.ts).
export * from "./people.ts";
export * from "./auth.ts";
export * from "./audit.ts";
export * from "./cases.ts";
export * from "./notes.ts";
export * from "./meetings.ts";
export * from "./minutes.ts";
export * from "./deliveries.ts";
export * from "./meetingAnswers.ts";
export * from "./sharingBasis.ts";
export * from "./agencyUpdates.ts";
export * from "./written.ts";
export * from "./accessRequests.ts";
