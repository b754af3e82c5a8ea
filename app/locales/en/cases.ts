// Strings of the case register: cases.
const cases = {};

export default cases;
