/**
 * What a starting server is doing, and how far it is: the steps of a first start (database check,
 * migrations, reference data, demo load, search index), each with a count when it has one. Printed as it
 * goes and answered over HTTP while the app is not ready yet (preparing-server.ts).
 */

export interface StartState {
  state: "preparing" | "ready" | "failed";
  /** The step under way, in a user's words. */
  step: string;
  /** Steps done so far, of the ones this start will run. */
  stepsDone: number;
  steps: number;
  /** Within the step, when it counts something (products loaded, listings indexed). */
  done?: number;
  total?: number;
  startedAt: string;
  /** Why the start stopped, when it failed. */
  problem?: string;
}

export class StartProgress {
  private current: StartState;

  constructor(steps: number, at = new Date()) {
    this.current = { state: "preparing", step: "starting", stepsDone: 0, steps, startedAt: at.toISOString() };
  }

  /** A new step begins (the previous one is done). */
  step(name: string): void {
    const started = this.current.step !== "starting";
    this.current = {
      state: "preparing",
      step: name,
      stepsDone: Math.min(this.current.steps, this.current.stepsDone + (started ? 1 : 0)),
      steps: this.current.steps,
      startedAt: this.current.startedAt,
    };
  }

  /** How far the step under way is. */
  count(done: number, total: number): void {
    this.current = { ...this.current, done, total };
  }

  ready(): void {
    this.current = { ...this.current, state: "ready", step: "ready", stepsDone: this.current.steps };
    delete this.current.done;
    delete this.current.total;
  }

  failed(problem: string): void {
    this.current = { ...this.current, state: "failed", problem };
  }

  get state(): StartState {
    return this.current;
  }
}

/** "loading the demo: 1,250 of 2,500 (50 %)", for the log and the page. */
export function describeStep(s: StartState): string {
  const part =
    s.done !== undefined && s.total !== undefined && s.total > 0
      ? `: ${s.done.toLocaleString("en")} of ${s.total.toLocaleString("en")} (${Math.floor((100 * s.done) / s.total)} %)`
      : "";
  return `${s.step}${part}`;
}
