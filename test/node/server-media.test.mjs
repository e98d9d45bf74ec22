// The local OpenVidu server's ICE, as browsers other than Chromium need it: every candidate it announces answers
// connectivity checks, and a browser's mDNS candidates hold nothing up; and the tests' block-media switch. What Firefox does with it is tested in
// test/firefox/.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { networkInterfaces } from 'node:os';
import { describe, it } from 'node:test';
import { classes, Message, methods, parseMessage } from 'werift';
import { isThisMachine } from '../../build/server/media.js';
import { joinRaw, makeOffer, startServer } from './server-support.mjs';

const networkAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((info) => info.family === 'IPv4' && !info.internal)?.address;

/** Publishes an offer as a trickling browser sends it: no candidates yet, more to come. */
async function publishAnswer(server, sessionId, t) {
  const { client, connectionId } = await joinRaw(server, sessionId, t);
  const sdp = (await makeOffer(t)).sdp.replace(/a=(candidate|end-of-candidates).*\r\n/g, '');
  const published = await client.request('publishVideo', { sdpOffer: sdp, hasAudio: true, hasVideo: true, audioActive: true, videoActive: true, typeOfVideo: 'CAMERA', frameRate: 30, videoDimensions: '{"width":640,"height":480}' });
  assert.ok(published.result, JSON.stringify(published.error));
  return { client, connectionId, answer: published.result.sdpAnswer, streamId: published.result.id };
}

function candidatesOf(sdp) {
  const lines = sdp.split('\r\n');
  const value = (name) => lines.find((line) => line.startsWith(`a=${name}:`))?.slice(name.length + 3);
  const candidates = lines
    .filter((line) => line.startsWith('a=candidate:'))
    .map((line) => line.split(' '))
    .map((parts) => ({ address: parts[4], port: Number(parts[5]) }));
  return { candidates, ufrag: value('ice-ufrag'), pwd: value('ice-pwd') };
}

/** Sends an ICE connectivity check (a STUN binding request, as a browser does) and resolves with the answer, if any. */
async function connectivityCheck({ address, port }, ufrag, pwd, t) {
  const socket = createSocket('udp4');
  t.after(() => socket.close());
  socket.bind(0);
  await once(socket, 'listening');
  const request = new Message(methods.BINDING, classes.REQUEST)
    .setAttribute('USERNAME', `${ufrag}:browser`)
    .setAttribute('PRIORITY', 1853817087)
    .setAttribute('ICE-CONTROLLING', 1n)
    .addMessageIntegrity(Buffer.from(pwd, 'utf8'))
    .addFingerprint();
  const answered = new Promise((resolve) => socket.on('message', (data) => resolve(parseMessage(data))));
  const unanswered = new Promise((resolve) => setTimeout(() => resolve(undefined), 2000).unref());
  socket.send(request.bytes, port, address);
  return Promise.race([answered, unanswered]);
}

describe('local OpenVidu server: ICE for every browser', () => {
  it("announces candidates on this machine's network address by default, and each answers connectivity checks", async (t) => {
    const server = await startServer(t);
    const { answer } = await publishAnswer(server, 'ice-default', t);
    const { candidates, ufrag, pwd } = candidatesOf(answer);
    // Firefox pairs none of its candidates with a loopback one: the media must be on a network address.
    const expected = networkAddress() ?? '127.0.0.1';
    assert.ok(candidates.length > 0, 'the answer has candidates');
    assert.deepEqual([...new Set(candidates.map((c) => c.address))], [expected]);
    for (const candidate of candidates) {
      const response = await connectivityCheck(candidate, ufrag, pwd, t);
      assert.equal(response?.messageClass, classes.RESPONSE, `no answer to a check sent to ${candidate.address}:${candidate.port}`);
    }
  });

  it('with mediaAddress, announces only that address, and each candidate answers connectivity checks', async (t) => {
    const server = await startServer(t, { mediaAddress: '127.0.0.1' });
    const { answer } = await publishAnswer(server, 'ice-loopback', t);
    const { candidates, ufrag, pwd } = candidatesOf(answer);
    assert.deepEqual([...new Set(candidates.map((c) => c.address))], ['127.0.0.1']);
    for (const candidate of candidates) {
      const response = await connectivityCheck(candidate, ufrag, pwd, t);
      assert.equal(response?.messageClass, classes.RESPONSE, `no answer to a check sent to ${candidate.address}:${candidate.port}`);
    }
  });

  it("takes a browser's mDNS candidates (<uuid>.local) at once: the requests after them are not held up", async (t) => {
    const server = await startServer(t);
    const { client, connectionId } = await publishAnswer(server, 'ice-mdns', t);
    // Firefox's host candidates, as it trickles them. Resolving such a name would take werift 10 s each.
    const candidate = (mid) => ({
      endpointName: connectionId,
      candidate: `candidate:0 1 UDP 2122252543 0d93d34c-e028-4600-b774-7c7df708be4${mid}.local 5720${mid} typ host`,
      sdpMid: String(mid),
      sdpMLineIndex: mid,
    });
    let timer;
    const heldUp = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('the requests after the mDNS candidates were held up')), 3000);
    });
    t.after(() => clearTimeout(timer));
    const answers = await Promise.race([Promise.all([client.request('onIceCandidate', candidate(0)), client.request('onIceCandidate', candidate(1)), client.request('echo', {})]), heldUp]);
    for (const answer of answers) assert.ok(answer.result, JSON.stringify(answer.error));
  });

  it('block-media: the checks of a blocked participant go unanswered, on renegotiated endpoints too, until allowed', async (t) => {
    const server = await startServer(t, { mediaAddress: '127.0.0.1' });
    const { client, connectionId, answer, streamId } = await publishAnswer(server, 'ice-blocked', t);
    const first = candidatesOf(answer);
    assert.equal((await connectivityCheck(first.candidates[0], first.ufrag, first.pwd, t))?.messageClass, classes.RESPONSE);
    await server.testControl({ action: 'block-media', connectionId });
    assert.equal(await connectivityCheck(first.candidates[0], first.ufrag, first.pwd, t), undefined, 'the blocked endpoint answered');
    const renegotiate = async () => {
      const sdpString = (await makeOffer(t)).sdp.replace(/a=(candidate|end-of-candidates).*\r\n/g, '');
      const reply = await client.request('reconnectStream', { stream: streamId, sdpString });
      assert.ok(reply.result, JSON.stringify(reply.error));
      const { candidates, ufrag, pwd } = candidatesOf(reply.result.sdpAnswer);
      return connectivityCheck(candidates[0], ufrag, pwd, t);
    };
    assert.equal(await renegotiate(), undefined, 'a renegotiated endpoint of the blocked participant answered');
    await server.testControl({ action: 'block-media', connectionId, mode: 'allow' });
    assert.equal((await renegotiate())?.messageClass, classes.RESPONSE);
  });

  it('tells this machine from others (a loopback server answers checks from this machine only)', () => {
    assert.equal(isThisMachine('127.0.0.1'), true);
    assert.equal(isThisMachine('::ffff:127.0.0.1'), true);
    if (networkAddress()) assert.equal(isThisMachine(networkAddress()), true);
    assert.equal(isThisMachine('203.0.113.7'), false);
  });
});

describe('local OpenVidu server: DTLS keys', () => {
  it("werift's X25519 (tweetnacl's, which the server puts on Node's crypto) agrees with tweetnacl's own", async () => {
    const { createRequire } = await import('node:module');
    const fromWerift = createRequire(createRequire(import.meta.url).resolve('werift'));
    const nacl = fromWerift('tweetnacl');
    assert.equal(nacl.native, true, "build/server/media.js did not replace werift's tweetnacl functions");
    // tweetnacl's own code: a second instance of the module, the shared one put back after.
    const file = fromWerift.resolve('tweetnacl');
    const shared = fromWerift.cache[file];
    delete fromWerift.cache[file];
    const own = fromWerift(file);
    fromWerift.cache[file] = shared;
    assert.notEqual(own.box.keyPair, nacl.box.keyPair);
    for (let round = 0; round < 5; round++) {
      const ours = nacl.box.keyPair();
      assert.equal(ours.secretKey.buffer.byteLength, 32, 'a key with its own 32-byte buffer (werift reads .buffer)');
      assert.equal(ours.publicKey.buffer.byteLength, 32);
      const theirs = own.box.keyPair();
      assert.deepEqual(Buffer.from(own.scalarMult.base(ours.secretKey)), Buffer.from(ours.publicKey), 'the public key of the secret');
      assert.deepEqual(Buffer.from(nacl.scalarMult(ours.secretKey, theirs.publicKey)), Buffer.from(own.scalarMult(theirs.secretKey, ours.publicKey)), 'one shared secret');
    }
    // A broken peer's low-order key (all zeros): tweetnacl gives zeros and the handshake fails; nothing throws.
    const ours = nacl.box.keyPair();
    assert.deepEqual(Buffer.from(nacl.scalarMult(ours.secretKey, new Uint8Array(32))), Buffer.from(own.scalarMult(ours.secretKey, new Uint8Array(32))));
  });
});
