import { expect } from '@open-wc/testing';
import { ChoiceMemory, findDevice } from '../../src/core/devices.js';

describe('remembered devices', () => {
  afterEach(() => localStorage.removeItem('openvidu-elements.choices'));

  it('finds a remembered device by id, else by name (ids can change between visits)', () => {
    const list = [
      { deviceId: 'a', label: 'Desk mic' },
      { deviceId: 'b', label: 'Headset' },
    ];
    expect(findDevice(list, { deviceId: 'b', label: 'old name' })).to.equal(list[1]);
    expect(findDevice(list, { deviceId: 'new-id', label: 'Headset' })).to.equal(list[1]);
    expect(findDevice(list, { deviceId: 'gone', label: 'Webcam' })).to.equal(undefined);
    expect(findDevice(list, undefined)).to.equal(undefined);
  });

  it('keeps devices and the name in localStorage, and nothing when disabled or unreadable', () => {
    const memory = new ChoiceMemory();
    memory.rememberDevice('audioinput', { deviceId: 'a', label: 'Desk mic' });
    memory.rememberName('Ana');
    expect(new ChoiceMemory().read()).to.deep.equal({ devices: { audioinput: { deviceId: 'a', label: 'Desk mic' } }, name: 'Ana' });
    const off = new ChoiceMemory(false);
    expect(off.read()).to.deep.equal({ devices: {} });
    off.rememberName('Ben');
    expect(new ChoiceMemory().read().name).to.equal('Ana');
    localStorage.setItem('openvidu-elements.choices', '{broken');
    expect(new ChoiceMemory().read()).to.deep.equal({ devices: {} });
  });
});
