// janode (the Janus project's own Node.js client) against a Janus API server: several sessions at once, each
// creating a session, attaching janus.plugin.echotest, sending messages and receiving their events, trickling,
// hanging up, detaching and destroying; and janode's admin API support listing the sessions and handles.
//
//   node janode-echotest.mjs --ws ws://127.0.0.1:8188 --admin ws://127.0.0.1:7188 [--admin-secret S]
//                            [--apisecret S] [--connections 2] [--sessions 2] [--timeout 60]
//
// (or JANUS_WS_URL, JANUS_ADMIN_URL, JANUS_ADMIN_SECRET, JANUS_API_SECRET). Prints one line
// "SUMMARY {json}" and exits 0 when every step worked, 1 when one failed, 2 on the overall timeout.
import Janode from 'janode';
import EchoTestPlugin from 'janode/plugins/echotest';

const { Logger } = Janode;
Logger.setLevel('none');

function options(argv) {
  const opts = {
    ws: process.env.JANUS_WS_URL,
    admin: process.env.JANUS_ADMIN_URL,
    adminSecret: process.env.JANUS_ADMIN_SECRET,
    apisecret: process.env.JANUS_API_SECRET,
    connections: 2,
    sessions: 2,
    timeout: 60,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in opts)) throw new Error(`unknown option ${argv[i]}`);
    opts[key] = ['connections', 'sessions', 'timeout'].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!opts.ws || !opts.admin) throw new Error('--ws and --admin (or JANUS_WS_URL, JANUS_ADMIN_URL) are required');
  return opts;
}

const summary = {
  ok: false,
  connections: 0,
  sessions_created: 0,
  handles_attached: 0,
  ok_events: 0,
  error_events_413: 0,
  trickles_acked: 0,
  hangups: 0,
  done_events: 0,
  detached: 0,
  sessions_destroyed: 0,
  admin: { sessions_listed: 0, handles_listed: 0, handle_infos: 0, sessions_left_after_destroy: -1 },
  failures: [],
};

function fail(what, error) {
  summary.failures.push(`${what}: ${error && error.message ? error.message : error}`);
}

function finish(code) {
  summary.ok = code === 0 && summary.failures.length === 0;
  console.log('SUMMARY ' + JSON.stringify(summary));
  process.exit(summary.ok ? 0 : code || 1);
}

/** Resolves with the first event of this kind the handle emits after now, or rejects after ms. */
function nextEvent(handle, event, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    handle.once(event, data => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

const CANDIDATE = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.10 54321 typ host', sdpMid: '0', sdpMLineIndex: 0 };

async function echotest(session, label) {
  const handle = await session.attach(EchoTestPlugin);
  summary.handles_attached++;
  for (const body of [{ audio: true, video: true }, { video: false }, { bitrate: 128000 }]) {
    const event = await handle.message(body);
    if (event.plugindata?.data?.result !== 'ok') throw new Error(`${label}: no ok event for ${JSON.stringify(body)}`);
    summary.ok_events++;
  }
  try {
    await handle.message({ audio: 'yes' });
    fail(label, 'a message with audio "yes" was not refused');
  } catch (e) {
    if (!String(e.message).startsWith('413 ')) throw new Error(`${label}: expected error 413, got ${e.message}`);
    summary.error_events_413++;
  }
  await handle.trickle(CANDIDATE);
  await handle.trickle([CANDIDATE, { ...CANDIDATE, candidate: CANDIDATE.candidate.replace('54321', '54322') }]);
  await handle.trickleComplete();
  summary.trickles_acked += 3;
  const done = nextEvent(handle, EchoTestPlugin.EVENT.ECHOTEST_RESULT, 10000);
  await handle.hangup();
  summary.hangups++;
  const result = await done;
  if (result.result !== 'done') throw new Error(`${label}: hangup gave ${JSON.stringify(result)}`);
  summary.done_events++;
  return handle;
}

async function adminChecks(admin, sessions, handles) {
  const listed = await admin.listSessions();
  const ids = new Set(listed.sessions);
  summary.admin.sessions_listed = sessions.filter(s => ids.has(s.id)).length;
  for (let i = 0; i < sessions.length; i++) {
    const h = await admin.listHandles(sessions[i].id);
    if (h.handles.includes(handles[i].id)) summary.admin.handles_listed++;
    const info = await admin.handleInfo(sessions[i].id, handles[i].id);
    if (info.info?.plugin === EchoTestPlugin.id && info.handle_id === handles[i].id) summary.admin.handle_infos++;
  }
}

async function main(opts) {
  const address = { url: opts.ws };
  if (opts.apisecret) address.apisecret = opts.apisecret;
  const connections = [];
  for (let c = 0; c < opts.connections; c++) {
    connections.push(await Janode.connect({ address, max_retries: 1, retry_time_secs: 1 }));
    summary.connections++;
  }
  const admin = await Janode.connect({
    is_admin: true, max_retries: 1, retry_time_secs: 1,
    address: opts.adminSecret ? { url: opts.admin, apisecret: opts.adminSecret } : { url: opts.admin },
  });
  // Every session of every connection runs its echo test at the same time.
  const work = [];
  for (const [c, connection] of connections.entries()) {
    for (let s = 0; s < opts.sessions; s++) {
      work.push((async () => {
        const session = await connection.create();
        summary.sessions_created++;
        const handle = await echotest(session, `connection ${c} session ${s}`);
        return { session, handle };
      })());
    }
  }
  const results = await Promise.allSettled(work);
  const running = results.filter(r => r.status === 'fulfilled').map(r => r.value);
  results.filter(r => r.status === 'rejected').forEach(r => fail('echotest', r.reason));
  await adminChecks(admin, running.map(r => r.session), running.map(r => r.handle)).catch(e => fail('admin', e));
  await Promise.all(running.map(async ({ session, handle }) => {
    const detached = nextEvent(handle, Janode.EVENT.HANDLE_DETACHED, 10000);
    await handle.detach();
    await detached;
    summary.detached++;
    await session.destroy();
    summary.sessions_destroyed++;
  })).catch(e => fail('detach/destroy', e));
  const after = await admin.listSessions().catch(e => fail('admin after destroy', e));
  if (after) {
    const ids = new Set(after.sessions);
    summary.admin.sessions_left_after_destroy = running.filter(r => ids.has(r.session.id)).length;
  }
  await Promise.all(connections.map(c => c.close()));
  await admin.close();
}

let opts;
try {
  opts = options(process.argv.slice(2));
} catch (e) {
  fail('options', e);
  finish(1);
}
const watchdog = setTimeout(() => {
  fail('timeout', `not done within ${opts.timeout} s`);
  finish(2);
}, opts.timeout * 1000);
main(opts).then(() => {
  clearTimeout(watchdog);
  finish(0);
}, e => {
  clearTimeout(watchdog);
  fail('run', e);
  finish(1);
});
