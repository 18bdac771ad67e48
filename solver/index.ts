// The solver stage: lineage graph → formula → minimal fault sets (SPEC §5).
export type {
  Backend,
  CrashElement,
  EncodeOptions,
  FaultElement,
  FaultSpace,
  Gate,
  GoalFormula,
  LineageFormula,
  OmissionElement,
  SolveOptions,
  SolveResult,
  SolveStats,
} from './types.js';
export { holdsUnder } from './holds.js';
export { encodeLineage, DEFAULT_SUPPORT_CAP } from './encode.js';
export { minimalFaultSets, solveFormula } from './minimal.js';
export { faultIndex, proofOf, provesGood, virtualProposals, type FaultIndex, type Proof } from './proof.js';
export { compareElements, withForced } from './faults.js';
