export default {
  warningTitle: "Your session is about to end",
  idleWarning_one: "For safety, you will be signed out in {{count}} second because nothing was done for a while.",
  idleWarning_other: "For safety, you will be signed out in {{count}} seconds because nothing was done for a while.",
  endWarning_one: "Your session reaches its longest allowed time in {{count}} second; sign in again to go on.",
  endWarning_other: "Your session reaches its longest allowed time in {{count}} seconds; sign in again to go on.",
  stay: "Stay signed in",
  ended: {
    idle: "You were signed out because nothing was done for a while. Sign in again to go on.",
    expired: "Your session reached its longest allowed time. Sign in again to go on.",
    signed_out: "You signed out (in this or another window). Sign in again to go on.",
    removed:
      "An administrator changed your place in the network, and your session ended. Sign in again to see what you may now reach.",
    password_changed: "Your password was changed in another session, so this one ended. Sign in with the new password.",
    second_factor_reset:
      "Two administrators reset your second factor, so your session ended. Sign in and set up a new one.",
  },
} as const;
