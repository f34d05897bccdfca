export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
  skips: string[];
}
export function emptyTally(): Tally;
export function addGate(tally: Tally, name: string, exitCode: number): void;
export function addVitest(tally: Tally, report: object | null, exitCode: number, output?: string): void;
export function addCluster(tally: Tally, output: string, exitCode: number, notRun?: string | null): void;
export function render(tally: Tally, options?: { strict?: boolean }): { lines: string[]; failed: number };
