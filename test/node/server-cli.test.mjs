// `npm start`'s program (build/server/main.js): port selection, the busy-port message, the banner, and a clean
// stop on SIGTERM and SIGINT.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { joinRaw, SECRET, startServer } from './server-support.mjs';

const MAIN = new URL('../../build/server/main.js', import.meta.url).pathname;

/** Runs the CLI; resolves once it printed its banner (or exited). `t.after` kills it if still running. */
function run(t, args, env = {}) {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, PORT: '', OPENVIDU_URL: '', OPENVIDU_SECRET: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const ready = new Promise((resolve) => {
    const check = () => {
      if (stdout.includes('Press Ctrl-C')) resolve('ready');
    };
    child.stdout.on('data', check);
    exited.then(() => resolve('exited'));
  });
  return { child, exited, ready, output: () => ({ stdout, stderr }) };
}

describe('local OpenVidu server: npm start (CLI)', () => {
  it('starts on the given --port, prints the URL to open and the production note, and on SIGTERM closes sessions as openvidu-server does', async (t) => {
    const probe = await startServer(t);
    const port = probe.port;
    await probe.close(); // a port that was free a moment ago
    const cli = run(t, ['--port', String(port)], { OPENVIDU_SECRET: SECRET });
    assert.equal(await cli.ready, 'ready');
    const { stdout } = cli.output();
    assert.match(stdout, new RegExp(`http://localhost:${port}/ .*two tabs`));
    assert.match(stdout, /real OpenVidu deployment/);
    const response = await fetch(`http://127.0.0.1:${port}/api/sessions`, { method: 'POST', body: '{"customSessionId":"cli"}' });
    assert.equal(await response.text(), 'cli');
    const ana = await joinRaw({ url: `http://127.0.0.1:${port}` }, 'cli', t);
    const evicted = ana.client.notification('participantEvicted');
    cli.child.kill('SIGTERM');
    // A graceful stop, not a session closed on purpose: clients may come back once the server is up again.
    assert.deepEqual((await evicted).params, { connectionId: ana.connectionId, reason: 'openviduServerStopped' });
    assert.deepEqual(await cli.exited, { code: 0, signal: null });
  });

  it('takes the port from PORT and stops on SIGINT (Ctrl-C)', async (t) => {
    const probe = await startServer(t);
    const port = probe.port;
    await probe.close();
    const cli = run(t, [], { PORT: String(port) });
    assert.equal(await cli.ready, 'ready');
    assert.match(cli.output().stdout, new RegExp(`localhost:${port}/`));
    cli.child.kill('SIGINT');
    assert.equal((await cli.exited).code, 0);
  });

  it('a busy port is one clear line and exit code 1', async (t) => {
    const busy = await startServer(t);
    const cli = run(t, ['--port', String(busy.port)]);
    assert.equal(await cli.ready, 'exited');
    assert.equal((await cli.exited).code, 1);
    const { stderr } = cli.output();
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.equal(stderr.trim(), `Port ${busy.port} is in use: stop the other process or run \`npm start -- --port ${busy.port + 1}\``);
  });

  it('rejects a bad port and unknown flags with a message and exit code 1', async (t) => {
    const badPort = run(t, ['--port', 'abc']);
    assert.equal((await badPort.exited).code, 1);
    assert.match(badPort.output().stderr, /Invalid port "abc"/);
    const badFlag = run(t, ['--nope']);
    assert.equal((await badFlag.exited).code, 1);
    assert.match(badFlag.output().stderr, /Usage: npm start/);
  });

  it('--bots N puts N named bots in --bots-session and prints where to see them; bad values are refused', async (t) => {
    const cli = run(t, ['--port', '0', '--bots', '2', '--bots-session', 'cli-bots']);
    assert.equal(await cli.ready, 'ready');
    const { stdout } = cli.output();
    const url = stdout.match(/Bots: +2 synthetic participants in session "cli-bots": (http:\/\/localhost:\d+)\/\?session=cli-bots/)?.[1];
    assert.ok(url, stdout);
    const auth = `Basic ${Buffer.from('OPENVIDUAPP:MY_SECRET').toString('base64')}`;
    const session = await (await fetch(`${url.replace('localhost', '127.0.0.1')}/openvidu/api/sessions/cli-bots`, { headers: { Authorization: auth } })).json();
    assert.deepEqual(
      session.connections.content.map((c) => JSON.parse(c.clientData).participantId),
      ['bot-1', 'bot-2'],
    );
    cli.child.kill('SIGTERM');
    assert.equal((await cli.exited).code, 0);
    for (const [args, message] of [
      [['--bots', 'many'], /Invalid --bots "many"/],
      [['--bots', '201'], /from 0 to 200/],
      [['--bots', '2', '--bots-session', 'no spaces'], /Invalid --bots-session/],
      [['--bots-session', 'alone'], /needs --bots N/],
    ]) {
      const bad = run(t, ['--port', '0', ...args]);
      assert.equal((await bad.exited).code, 1);
      assert.match(bad.output().stderr, message);
    }
  });

  it('refuses OPENVIDU_URL without OPENVIDU_SECRET', async (t) => {
    const cli = run(t, ['--port', '0'], { OPENVIDU_URL: 'https://openvidu.example.test/' });
    assert.equal((await cli.exited).code, 1);
    assert.match(cli.output().stderr, /OPENVIDU_SECRET/);
  });
});
