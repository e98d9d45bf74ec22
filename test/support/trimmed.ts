// The trimmed parts of openvidu-browser (scripts/trim-openvidu-browser.mjs) record their name when something
// reaches them. End-to-end tests call `expectNoTrimmedPartReached` after each test: a call path that needs a
// trimmed part fails its test, even when openvidu-browser swallowed the error the part threw.
const KEY = Symbol.for('openvidu-elements.trimmed');
const registry = globalThis as unknown as Record<symbol, string[] | undefined>;

/** The trimmed parts reached since the last check, and forgets them. */
export function takeReachedTrimmedParts(): string[] {
  const reached = registry[KEY] ?? [];
  registry[KEY] = [];
  return reached;
}

export function expectNoTrimmedPartReached(): void {
  const reached = takeReachedTrimmedParts();
  if (reached.length > 0) {
    throw new Error(`openvidu-browser reached parts trimmed from this build: ${[...new Set(reached)].join(', ')} (see scripts/trim-openvidu-browser.mjs)`);
  }
}
