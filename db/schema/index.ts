export * from "./people.ts";
export * from "./auth.ts";
export * from "./audit.ts";
export * from "./cases.ts";
export * from "./notes.ts";
export * from "./meetings.ts";
export * from "./minutes.ts";
export * from "./deliveries.ts";
