// The PostgreSQL schema (decision 0040): each file the twin of db/schema's file of the same
// name, holding the tables of the services converted so far.
export * from "./people.ts";
export * from "./audit.ts";
export * from "./meetings.ts";
export * from "./meetingAnswers.ts";
