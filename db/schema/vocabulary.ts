// The words of the domain that the UI shares with the database; imports nothing.

export const ROLES = ["admin", "chair", "coordinator", "member", "guest"] as const;
export type Role = (typeof ROLES)[number];

export const MANDATES = ["decides", "reports_back"] as const;
export type Mandate = (typeof MANDATES)[number];

export const SECTORS = [
  "police",
  "social_services",
  "mental_health",
  "education",
  "youth_work",
  "probation",
  "municipality",
  "ngo",
  "other",
] as const;
export type Sector = (typeof SECTORS)[number];

export const CASE_STAGES = ["signal", "assessment", "active", "monitoring", "closed"] as const;
export type CaseStage = (typeof CASE_STAGES)[number];
