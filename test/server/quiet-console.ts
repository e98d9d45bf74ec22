// Imported before openvidu-browser, which keeps its own reference to console.error at load time: routes the
// console through a switch so that tests can silence the errors they provoke on purpose (see `quietly`).
let silenced = 0;

for (const method of ['log', 'info', 'debug', 'warn', 'error'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    if (silenced === 0) original(...args);
  };
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
