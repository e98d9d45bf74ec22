// Every ov-* event an element dispatches is in custom-elements.json under that element (its @fires tags), so the
// framework types generated from the manifest (dist/frameworks/) and the React wrapper's onOv… props have it:
// the sources' `dispatchEvent(new OvXEvent(…))` calls, each class's event name from src/events.ts, against the
// manifest's events per tag. Needs `npm run build` (it writes the manifest).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const ROOT = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, ROOT), 'utf8');
const manifest = JSON.parse(read('custom-elements.json'));

/** Event class name → the event type its constructor gives (`super('ov-joined', …)`). */
const eventNames = new Map([...read('src/events.ts').matchAll(/class (\w+) extends CustomEvent<[^{]*\{\s*constructor\([^)]*\)\s*\{\s*super\('([\w-]+)'/g)].map((m) => [m[1], m[2]]));

/** Source file → the ov-* events it dispatches. */
function dispatched() {
  const found = new Map();
  for (const file of readdirSync(new URL('src/', ROOT), { recursive: true })) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
    const text = read(`src/${file}`);
    for (const [, event] of text.matchAll(/dispatchEvent\(\s*new (\w+)\(/g)) {
      assert.ok(eventNames.has(event), `src/${file} dispatches ${event}, which src/events.ts does not declare`);
      found.set(`src/${file}`, [...(found.get(`src/${file}`) ?? []), eventNames.get(event)]);
    }
    assert.doesNotMatch(text, /dispatchEvent\(\s*new (Custom)?Event\(\s*['"]ov-/, `src/${file} dispatches an ov-* event without its class in src/events.ts`);
  }
  return found;
}

describe('custom-elements.json lists the events the elements dispatch', () => {
  it('finds the event classes in src/events.ts', () => {
    assert.ok(eventNames.get('OvJoinedEvent') === 'ov-joined' && eventNames.size >= 10, `read ${JSON.stringify([...eventNames])}`);
  });

  it('each element\'s dispatched events are its events in the manifest', () => {
    const sources = dispatched();
    assert.ok(sources.size > 0, 'no dispatchEvent(new Ov…Event()) found in src/');
    for (const [file, events] of sources) {
      const module = manifest.modules.find((m) => m.path === file);
      const element = module?.declarations?.find((d) => d.tagName);
      assert.ok(element, `${file} dispatches ${events.join(', ')} but declares no element: the manifest cannot list them`);
      const listed = (element.events ?? []).map((event) => event.name);
      assert.deepEqual(
        [...new Set(events)].filter((name) => !listed.includes(name)),
        [],
        `<${element.tagName}> dispatches these without a @fires tag in ${file}`,
      );
      assert.deepEqual(
        listed.filter((name) => !events.includes(name)),
        [],
        `<${element.tagName}>'s @fires tags in ${file} name events it never dispatches`,
      );
    }
  });
});
