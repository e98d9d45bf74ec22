// openvidu-elements/react (the React 18 wrapper) maps every event that custom-elements.json lists for <ov-room>,
// and wraps every element of the manifest. Needs `npm run build`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
const declarations = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.tagName);

describe('openvidu-elements/react', () => {
  it('maps each of <ov-room>\'s events in the manifest to an onOv… prop', async () => {
    const { OV_ROOM_EVENTS } = await import('openvidu-elements/react');
    const room = declarations.find((d) => d.tagName === 'ov-room');
    const mapped = new Set(Object.values(OV_ROOM_EVENTS));
    assert.deepEqual(room.events.map((event) => event.name).filter((name) => !mapped.has(name)), []);
    for (const [prop, event] of Object.entries(OV_ROOM_EVENTS)) {
      assert.equal(prop, `on${event.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}`);
    }
  });

  it('has a component for every element', async () => {
    const wrapper = await import('openvidu-elements/react');
    assert.deepEqual(declarations.map((d) => d.name).filter((name) => typeof wrapper[name] !== 'object').sort(), []);
  });
});
