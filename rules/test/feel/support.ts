/** What the FEEL tests import: the interpreter's parts and limits far above any test's needs but the deadline's. */
import { DEFAULT_LIMITS, type Limits } from '../../src/feel/index.js';

export { Budget, BudgetExceeded, compile, parseFeel, run, scopeOf } from '../../src/feel/index.js';
export const FEEL_LIMITS_FOR_TESTS: Limits = { ...DEFAULT_LIMITS, steps: 1e9, cells: 1e9 };
