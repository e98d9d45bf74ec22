/**
 * An element's custom states (`:state(speaking)` …), set through ElementInternals. Safari before 17.4 has no
 * `internals.states`: there the states are simply not set (the element still works, without those styles).
 */
export class CustomStates {
  private readonly states?: CustomStateSet;

  constructor(host: HTMLElement) {
    // Typed as always there; older Safari says otherwise.
    const internals: { states?: CustomStateSet } = host.attachInternals();
    this.states = internals.states;
  }

  set(name: string, on: boolean): void {
    if (on) this.states?.add(name);
    else this.states?.delete(name);
  }
}
