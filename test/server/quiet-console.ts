// Imported before openvidu-browser, which keeps its own reference to console.error at load time: routes the
// console through a switch so that tests can silence the errors they provoke on purpose (see `quietly`).
// Also lets a test read what was logged (`recordConsole`).
let silenced = 0;
let recorded: string[] | undefined;

for (const method of ['log', 'info', 'debug', 'warn', 'error'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    if (recorded) recorded.push(`${method}: ${args.map(String).join(' ')}`);
    else if (silenced === 0) original(...args);
  };
}

/** Runs `action` with the console silenced, and returns its result with what it logged, one line per call. */
export async function recordConsole<T>(action: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const outer = recorded;
  recorded = lines;
  try {
    return { result: await action(), lines };
  } finally {
    recorded = outer;
  }
}

/** Runs `action` with the console silenced. */
export async function quietly<T>(action: () => Promise<T>): Promise<T> {
  silenced += 1;
  try {
    return await action();
  } finally {
    silenced -= 1;
  }
}
