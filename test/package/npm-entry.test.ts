// The npm package as an ES module: the classes entry registers nothing; the registration modules do.
import { expect } from '@open-wc/testing';

// Paths served by the test runner from the build output; typed loosely on purpose.
const load = (path: string): Promise<Record<string, any>> => import(/* @vite-ignore */ path);

describe('the npm entry points (dist/)', () => {
  it('index.js exports the classes without registering any element', async () => {
    const entry = await load('/dist/index.js');
    expect(entry.OvRoom).to.be.a('function');
    expect(entry.OvVideo).to.be.a('function');
    expect(entry.TokenSource).to.be.a('function');
    expect(entry.OV_ERROR_CODES).to.include('TOKEN_ENDPOINT_UNREACHABLE');
    expect(customElements.get('ov-room')).to.equal(undefined);
    expect(customElements.get('ov-video')).to.equal(undefined);
  });

  it('ov-video.js registers <ov-video> alone; define.js registers everything', async () => {
    await load('/dist/elements/ov-video/define.js');
    expect(customElements.get('ov-video')).to.be.a('function');
    expect(customElements.get('ov-room')).to.equal(undefined);
    const all = await load('/dist/define.js');
    expect(customElements.get('ov-room')).to.equal(all.OvRoom);
  });
});
