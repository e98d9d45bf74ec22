// Module hooks for import-child.mjs: reports every URL the import resolves, so the test sees what was loaded.
let port;

export function initialize(data) {
  port = data.port;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  port.postMessage(result.url);
  return result;
}
