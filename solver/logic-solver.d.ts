// The part of logic-solver (MiniSat compiled to JavaScript; npm ships no types) that sat-adapter.ts uses.
declare module 'logic-solver' {
  namespace Logic {
    /** A variable number (negative: its negation) or name. */
    type Term = number | string;
    /** Opaque: built by `Logic.or`. */
    interface Formula {
      readonly type: string;
    }
    class Solver {
      /** The number of the named variable, created on first use. Names must not start with `$`. */
      getVarNum(name: string): number;
      require(...formulas: (Formula | Term)[]): void;
      solve(): Solution | null;
      solveAssuming(formula: Formula | Term): Solution | null;
    }
    interface Solution {
      evaluate(formula: Formula | Term): boolean;
    }
    function or(...operands: (Formula | Term)[]): Formula | Term;
    /** Runs `f` without logic-solver's argument checks (much faster clause generation). */
    function disablingAssertions<T>(f: () => T): T;
  }
  export = Logic;
}
