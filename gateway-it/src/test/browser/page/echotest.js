// janus.js echotest in a real browser: one run against the Janus API server named by ?server= (ws://... or
// http://.../janus). The page measures and records; run-echotest.mjs judges. The result is the resolved value of
// window.echotestResult: marks (performance.now() in ms), janus.js callbacks seen, events read off the wire, two
// getStats() samples and every error janus.js or the plugin reported.
import Janus from '/node_modules/janus-gateway/npm/dist/janus.es.js';

const params = new URLSearchParams(location.search);
const server = params.get('server');
const sampleMs = Number(params.get('sampleMs') || 2000);
const stepMs = Number(params.get('stepMs') || 15000);
// Diagnostic, off by default: watch the main thread for this many ms after the offer (see probeMainThread).
const probeMs = Number(params.get('probeMs') || 0);
const pollMs = 10;
const settleMs = 300;

const result = {
  server,
  transport: server && server.startsWith('ws') ? 'ws' : 'http',
  // The page's clock origin (ms since the epoch): marks plus this line up with packet captures of the run.
  timeOrigin: performance.timeOrigin,
  marks: {},
  media: {},
  iceStates: [],
  remoteTracks: {},
  wire: [],
  errors: [],
  step: 'init',
  samples: [],
  candidatePair: null,
  hangupReason: null,
  polls: [],
};

const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Each mark is also a User Timing mark, so the runner's --trace-dir traces (and DevTools) show where it fell.
const mark = (name) => {
  if (result.marks[name] === undefined) {
    result.marks[name] = now();
    performance.mark(name);
  }
};
const fail = (where, what) => {
  const text = `${where}: ${typeof what === 'string' ? what : JSON.stringify(what)}`;
  result.errors.push(text);
  console.error(`[echotest] ${text}`);
};
const state = (text) => { document.getElementById('state').textContent = text; };

class Reported extends Error {}

// Waits up to ms for cond() to hold, whatever happens meanwhile; the runner judges what was seen.
async function settle(cond, ms) {
  const end = now() + ms;
  while (!cond() && now() < end) await sleep(pollMs);
}

// Waits for cond() to hold, polling. A timeout is reported as an error; any error reported meanwhile (janus.js,
// the plugin, a failed request) ends the wait at once. Both throw Reported.
async function until(step, cond, ms = stepMs) {
  result.step = step;
  state(step);
  const end = now() + ms;
  while (!cond()) {
    if (result.errors.length > 0) throw new Reported(step);
    if (now() > end) {
      fail(step, `not seen within ${ms} ms`);
      throw new Reported(step);
    }
    await sleep(pollMs);
  }
}

// janus.js passes every incoming message to Janus.debug before it looks up the handle, so a debug hook is a tap on
// the wire: it sees the core's `webrtcup`, `media`, `hangup` and `detached` events even for a handle janus.js has
// already forgotten (it drops its handle before the server's `detached` arrives). Events carry `sender`; our own
// requests passing through the same hook do not.
function wireTap(...args) {
  for (const a of args) {
    if (a && typeof a === 'object' && typeof a.janus === 'string' && a.sender !== undefined) {
      result.wire.push({ janus: a.janus, at: now(), type: a.type, receiving: a.receiving, reason: a.reason });
      mark(`wire_${a.janus}`);
    }
  }
}

function initJanus() {
  return new Promise((resolve) => {
    Janus.init({
      debug: ['warn', 'error'],
      dependencies: Janus.useDefaultDependencies({ adapter: window.adapter }),
      callback: resolve,
    });
  }).then(() => {
    Janus.debug = wireTap;
    const consoleError = Janus.error;
    Janus.error = (...args) => {
      consoleError(...args);
      result.errors.push(`janus.js: ${args.map(describe).join(' ')}`);
    };
  });
}

// janus.js logs strings, Errors and its HTTP failures ({message, response}); the latter name status and URL.
function describe(a) {
  if (a instanceof Error) return a.message;
  if (a && typeof a === 'object' && a.message !== undefined) {
    return a.response ? `${a.message} (HTTP ${a.response.status} ${a.response.url})` : String(a.message);
  }
  return typeof a === 'object' ? JSON.stringify(a) : String(a);
}

function connect() {
  return new Promise((resolve, reject) => {
    const janus = new Janus({
      server,
      iceServers: [], // no STUN: candidates are host candidates on this machine only
      success: () => resolve(janus),
      error: (e) => { fail('session', e); reject(new Reported('session')); },
      destroyed: () => mark('destroyed'),
    });
  });
}

function attach(janus) {
  return new Promise((resolve, reject) => {
    let handle = null;
    janus.attach({
      plugin: 'janus.plugin.echotest',
      opaqueId: `browser-echotest-${Janus.randomString(8)}`,
      success: (h) => { handle = h; resolve(h); },
      error: (e) => { fail('attach', e); reject(new Reported('attach')); },
      iceState: (s) => result.iceStates.push(s),
      mediaState: (medium, on) => {
        result.media[medium] = on;
        if (on) mark(`media_${medium}`);
      },
      webrtcState: (on, reason) => {
        if (on) {
          mark('webrtcup');
        } else {
          mark('webrtcdown');
          result.hangupReason = reason ?? null;
        }
      },
      onmessage: (msg, jsep) => {
        if (msg.error !== undefined) fail('echotest', `${msg.error_code} ${msg.error}`);
        if (msg.result === 'done') mark('done');
        if (jsep) {
          mark('answer');
          handle.handleRemoteJsep({ jsep, error: (e) => fail('handleRemoteJsep', e) });
        }
      },
      onlocaltrack: () => {},
      onremotetrack: (track, mid, on, meta) => {
        result.remoteTracks[track.kind] = on;
        if (on) showRemote(track);
        // Chromium unmutes a remote track when its first RTP packet arrives: a second, event-driven first-packet time.
        if (on && meta?.reason === 'unmute') {
          mark('unmute');
          mark(`unmute_${track.kind}`);
        }
      },
      oncleanup: () => mark('cleanup'),
      ondetached: () => mark('ondetached'),
    });
  });
}

// The remote tracks play in a muted <video>, as a softphone page would show them (a sink also keeps Chromium
// pulling decoded audio).
const remoteStream = new MediaStream();
function showRemote(track) {
  remoteStream.addTrack(track);
  const video = document.getElementById('remote');
  if (video.srcObject !== remoteStream) video.srcObject = remoteStream;
  video.play().catch(() => {});
}

// Where the page's main thread was busy after the offer: a MessageChannel message answered by the next one, so each
// gap between two of them over 1.5 ms is a task (or tasks) that held the thread; recorded as [start, length] in ms
// from the offer mark. The probe keeps the thread busy itself between tasks, so it slows what it watches: compare
// runs taken with it, never with runs taken without.
function probeMainThread(ms) {
  const channel = new MessageChannel();
  const from = result.marks.offerSent;
  const end = now() + ms;
  let last = now();
  result.mainThreadBusy = [];
  channel.port1.onmessage = () => {
    const t = now();
    if (t - last > 1.5) {
      result.mainThreadBusy.push([Math.round((last - from) * 10) / 10, Math.round((t - last) * 10) / 10]);
    }
    last = t;
    if (t < end) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
}

function offer(handle) {
  return new Promise((resolve, reject) => {
    handle.createOffer({
      tracks: [
        { type: 'audio', capture: true, recv: true },
        { type: 'video', capture: true, recv: true },
      ],
      success: (jsep) => {
        pollFirstPackets(handle);
        mark('offerSent');
        if (probeMs > 0) probeMainThread(probeMs);
        handle.send({ message: { audio: true, video: true }, jsep, error: (e) => fail('send', e) });
        resolve();
      },
      error: (e) => { fail('createOffer', e?.message ?? e); reject(new Reported('createOffer')); },
    });
  });
}

// Polls getStats() every ~10 ms from the offer on until audio and video have each received a packet. Chromium
// caches a stats report for 50 ms, so this time is that coarse; the remote tracks' unmute events are finer.
async function pollFirstPackets(handle) {
  const pc = handle.webrtcStuff.pc;
  const end = now() + stepMs;
  while (now() < end && (result.marks.firstAudio === undefined || result.marks.firstVideo === undefined)) {
    const report = await pc.getStats();
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.packetsReceived > 0) {
        mark('firstPacket');
        mark(s.kind === 'audio' ? 'firstAudio' : 'firstVideo');
      }
    });
    if (pc.connectionState === 'closed' || result.marks.webrtcdown !== undefined) return;
    await sleep(pollMs);
  }
}

async function sample(handle) {
  const report = await handle.webrtcStuff.pc.getStats();
  const s = { at: now(), inbound: {}, outbound: {} };
  let pairId = null;
  report.forEach((r) => {
    if (r.type === 'inbound-rtp') {
      s.inbound[r.kind] = {
        packetsReceived: r.packetsReceived, bytesReceived: r.bytesReceived, packetsLost: r.packetsLost,
        jitter: r.jitter, framesDecoded: r.framesDecoded, frameWidth: r.frameWidth, frameHeight: r.frameHeight,
        totalAudioEnergy: r.totalAudioEnergy, audioLevel: r.audioLevel, totalSamplesReceived: r.totalSamplesReceived,
        concealedSamples: r.concealedSamples, codecId: r.codecId,
      };
    } else if (r.type === 'outbound-rtp') {
      s.outbound[r.kind] = { packetsSent: r.packetsSent, bytesSent: r.bytesSent, framesEncoded: r.framesEncoded };
    } else if (r.type === 'transport' && r.selectedCandidatePairId) {
      pairId = r.selectedCandidatePairId;
      s.dtlsState = r.dtlsState;
    }
  });
  const pair = pairId && report.get(pairId);
  if (pair) {
    const end = (id) => { const c = report.get(id); return c && `${c.candidateType} ${c.protocol} ${c.address}:${c.port}`; };
    result.candidatePair = { local: end(pair.localCandidateId), remote: end(pair.remoteCandidateId) };
  }
  for (const kind of Object.keys(s.inbound)) {
    const codec = report.get(s.inbound[kind].codecId);
    s.inbound[kind].codec = codec ? codec.mimeType : null;
  }
  return s;
}

// Hangs up (janus.js sends `hangup`), waits for the core's `hangup` event and the plugin's "done", then detaches
// and waits for the core's `detached` event; the session is destroyed last. After a failure it only cleans up.
async function hangupAndDetach(janus, handle, check) {
  // After a successful run, wait for each event in turn (run-echotest.mjs reports a missing one); after a failure
  // only clean up.
  const wait = (step, cond) => {
    result.step = step;
    return check ? settle(cond, 5000) : Promise.resolve();
  };
  if (handle) {
    handle.hangup(true);
    await wait('hangup event', () => result.marks.wire_hangup !== undefined);
    await wait('done event', () => result.marks.done !== undefined);
    await new Promise((resolve) => handle.detach({ success: resolve, error: (e) => { fail('detach', e); resolve(); } }));
    await wait('detached event', () => result.marks.wire_detached !== undefined);
  }
  if (janus) {
    await new Promise((resolve) => janus.destroy({ success: resolve, error: (e) => { fail('destroy', e); resolve(); } }));
    // Errors janus.js reports just after the session ends (a last long poll) count too.
    await sleep(settleMs);
  }
}

// When each HTTP long poll's response had fully arrived in the browser (Resource Timing's responseEnd, on the
// same clock as the marks), so that the runner can tell the network's part of offer -> webrtcup from the time
// the page's main thread took to get to the response. Cross-origin entries keep startTime and responseEnd.
performance.setResourceTimingBufferSize(1000);
function longPollTimings() {
  if (result.transport !== 'http') return [];
  return performance.getEntriesByType('resource')
    .filter((e) => e.name.startsWith(server) && e.name.includes('rid='))
    .map((e) => ({ start: e.startTime, end: e.responseEnd }));
}

async function main() {
  let janus = null;
  let handle = null;
  try {
    document.getElementById('server').textContent = server;
    if (!server) throw new Error('no ?server= given');
    await initJanus();
    result.step = 'connect';
    janus = await connect();
    result.step = 'attach';
    handle = await attach(janus);
    result.step = 'offer';
    await offer(handle);
    await until('answer', () => result.marks.answer !== undefined);
    await until('webrtcup', () => result.marks.webrtcup !== undefined);
    await until('media receiving', () => result.media.audio === true && result.media.video === true);
    await until('first packets', () => result.marks.firstAudio !== undefined && result.marks.firstVideo !== undefined);
    result.samples.push(await sample(handle));
    await sleep(sampleMs);
    result.samples.push(await sample(handle));
    result.step = 'sampled';
    result.polls = longPollTimings();
  } catch (e) {
    if (!(e instanceof Reported)) fail(result.step, e.message);
  }
  result.failedAt = result.errors.length > 0 ? result.step : null;
  try {
    await hangupAndDetach(janus, handle, result.failedAt === null);
  } catch (e) {
    if (!(e instanceof Reported)) fail('cleanup', e.message);
  }
  state(result.errors.length === 0 ? 'done' : 'failed');
  return result;
}

window.echotestResult = main();
