// Strings of the case register: signals.
const signals = {};

export default signals;
