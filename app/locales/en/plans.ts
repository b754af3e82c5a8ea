// Strings of the case register: plans.
const plans = {};

export default plans;
