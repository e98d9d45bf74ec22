// Imports one entry of the package by its name, as an application's server would, in a Node without a DOM, and
// prints on stdout what happened as JSON: the globals before, the modules resolved, what got registered.
// Usage: node import-child.mjs <specifier> <tag>... (the tags whose registration to report); a module named in
// $PRELOAD is imported first (Angular's JIT compiler, which an unlinked Angular library needs).
import { register } from 'node:module';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';

const [specifier, ...tags] = process.argv.slice(2);
const { port1, port2 } = new MessageChannel();
register('./resolve-hooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });

const globals = () => ({
  window: typeof window,
  document: typeof document,
  HTMLElement: typeof HTMLElement,
  customElements: typeof customElements,
});
const report = { before: globals() };
try {
  if (process.env.PRELOAD) await import(process.env.PRELOAD);
  const json = specifier.endsWith('.json');
  const module = await import(specifier, json ? { with: { type: 'json' } } : undefined);
  report.exports = Object.keys(module).sort();
  report.registered = Object.fromEntries(tags.map((tag) => [tag, typeof globalThis.customElements?.get(tag)]));
} catch (error) {
  report.error = `${error?.name}: ${error?.message}`;
}
report.after = globals();
// The hooks post each URL before its import goes on: all are queued by now.
report.resolved = [];
for (let message; (message = receiveMessageOnPort(port1)); ) report.resolved.push(message.message);
port1.close();
process.stdout.write(JSON.stringify(report));
