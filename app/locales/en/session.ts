export default {
  warningTitle: "Your session is about to end",
  idleWarning_one: "For safety, you will be signed out in {{count}} second because nothing was done for a while.",
  idleWarning_other: "For safety, you will be signed out in {{count}} seconds because nothing was done for a while.",
  endWarning_one: "Your session reaches its longest allowed time in {{count}} second; sign in again to go on.",
  endWarning_other: "Your session reaches its longest allowed time in {{count}} seconds; sign in again to go on.",
  stay: "Stay signed in",
  endedIdle: "You were signed out because nothing was done for a while. Sign in again to go on.",
} as const;
