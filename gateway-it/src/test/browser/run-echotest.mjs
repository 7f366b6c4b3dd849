#!/usr/bin/env node
// Real WebRTC in a real browser: Debian's chromium (headless, fake camera and microphone) driven by playwright-core
// loads page/index.html, whose janus.js runs the echotest against a Janus API server, once per --server and run.
//
//   node run-echotest.mjs --server ws://127.0.0.1:8188 --server http://127.0.0.1:8088/janus [--runs 3]
//        [--sample-ms 2000] [--step-ms 15000] [--timeout 80] [--chromium /usr/bin/chromium] [--verbose]
//        [--probe-main-thread-ms 200] [--trace-dir DIR]
//
// Each run must see: webrtcup; the core's `media` events saying it receives audio and video; inbound audio and
// video RTP packetsReceived, video framesDecoded and audio totalAudioEnergy increasing between two getStats()
// samples --sample-ms apart;
// the core's `hangup` event, the plugin's "done" and the core's `detached` event; and no error from janus.js, the
// plugin or a request. Timings (offer sent -> answer, webrtcup, first inbound packet, media events) are reported,
// never judged. Prints `SUMMARY {json}` last; exit status 0 if every run passed, 1 if one failed, 2 on a timeout.
// The page is served from a tiny HTTP server on 127.0.0.1 (free port); the browser and the server are always
// closed, and a hard timeout (--timeout seconds) bounds the whole script. --probe-main-thread-ms N (diagnostic, off
// by default; it slows the page) records for N ms after the offer when the page's main thread was busy
// (mainThreadBusy per run: [start, length] in ms from the offer mark). --trace-dir DIR (diagnostic, off by default;
// it slows the page by about 10 ms) writes Chromium's trace of each run, DIR/<ws|http>-<run>.json (Chrome trace
// format: Perfetto or chrome://tracing read it), with the page's marks (offerSent, answer, webrtcup, ...) as user
// timing marks: what the renderer's threads did while the page waited.
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));

// Chromium flags, as in TEST-PEERS §10: fake devices without a permission prompt, and loopback candidates with
// plain IP addresses (no mDNS names) so a node offering 127.0.0.1 can be reached.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

function parseArgs(argv) {
  const o = { servers: [], runs: 1, sampleMs: 2000, stepMs: 15000, timeout: 80, chromium: '/usr/bin/chromium',
    verbose: false, probeMs: 0, traceDir: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--server': o.servers.push(next()); break;
      case '--runs': o.runs = positive(a, next()); break;
      case '--sample-ms': o.sampleMs = positive(a, next()); break;
      case '--step-ms': o.stepMs = positive(a, next()); break;
      case '--probe-main-thread-ms': o.probeMs = positive(a, next()); break;
      case '--timeout': o.timeout = positive(a, next()); break;
      case '--chromium': o.chromium = next(); break;
      case '--trace-dir': o.traceDir = next(); break;
      case '--verbose': o.verbose = true; break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  if (o.servers.length === 0) throw new Error('give at least one --server ws://... or http://.../janus');
  for (const s of o.servers) {
    if (!/^(wss?|https?):\/\//.test(s)) throw new Error(`--server ${s}: not a ws:// or http:// URL`);
  }
  return o;
}

function positive(name, v) {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} ${v}: not a positive number`);
  return n;
}

// ---- static files: page/ and node_modules/ of this folder only ----

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json' };

function startStaticServer() {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const rel = path === '/' ? 'page/index.html' : path.slice(1);
    const file = join(HERE, rel);
    const allowed = (rel.startsWith(`page${sep}`) || rel.startsWith(`node_modules${sep}`)) && file.startsWith(HERE + sep);
    if (!allowed || !isFile(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function isFile(f) {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
}

// ---- judging one run ----

function judge(r) {
  const failures = [...r.errors];
  if (r.failedAt !== null) {
    // Whatever was not seen after the first error follows from it: report the errors and where the run stopped.
    return [...new Set(failures), `run stopped at step "${r.failedAt}"`];
  }
  const [s1, s2] = r.samples;
  const grows = (what, get) => {
    const a = s1 && get(s1);
    const b = s2 && get(s2);
    if (!(typeof a === 'number' && typeof b === 'number' && b > a)) failures.push(`${what} not increasing: ${a} -> ${b}`);
  };
  if (r.marks.webrtcup === undefined) failures.push('no webrtcup');
  for (const kind of ['audio', 'video']) {
    if (r.media[kind] !== true) failures.push(`no media event saying ${kind} is received`);
  }
  grows('inbound audio packetsReceived', (s) => s.inbound.audio?.packetsReceived);
  grows('inbound video packetsReceived', (s) => s.inbound.video?.packetsReceived);
  grows('inbound video framesDecoded', (s) => s.inbound.video?.framesDecoded);
  // Chromium's fake microphone beeps periodically: energy grows only if the echoed Opus really decodes to sound.
  grows('inbound audio totalAudioEnergy', (s) => s.inbound.audio?.totalAudioEnergy);
  if (r.marks.wire_hangup === undefined) failures.push('no hangup event after hanging up');
  if (r.marks.done === undefined) failures.push('no echotest "done" event after hanging up');
  if (r.marks.wire_detached === undefined) failures.push('no detached event after detaching');
  return failures;
}

function timings(r) {
  const from = r.marks.offerSent;
  const ms = (name) => (from === undefined || r.marks[name] === undefined ? null : round(r.marks[name] - from));
  // HTTP only: when the long poll that carried webrtcup had arrived (the last poll to complete before the page's
  // tap saw the event), to tell the network's share from the page's main thread's.
  const carrier = (r.polls ?? []).filter((p) => r.marks.wire_webrtcup !== undefined && p.end > 0
    && p.end <= r.marks.wire_webrtcup).sort((a, b) => b.end - a.end)[0];
  const arrived = carrier && from !== undefined ? round(carrier.end - from) : null;
  return {
    offerToWebrtcupArrivedMs: arrived,
    offerToAnswerMs: ms('answer'), offerToWebrtcupMs: ms('webrtcup'), offerToFirstPacketMs: ms('firstPacket'),
    offerToFirstAudioMs: ms('firstAudio'), offerToFirstVideoMs: ms('firstVideo'),
    offerToMediaAudioMs: ms('media_audio'), offerToMediaVideoMs: ms('media_video'), offerToUnmuteMs: ms('unmute'),
  };
}

function statsDigest(r) {
  const pick = (s) => s && {
    audio: s.inbound.audio && { packetsReceived: s.inbound.audio.packetsReceived, totalAudioEnergy: round(s.inbound.audio.totalAudioEnergy, 4),
      audioLevel: s.inbound.audio.audioLevel, totalSamplesReceived: s.inbound.audio.totalSamplesReceived,
      concealedSamples: s.inbound.audio.concealedSamples, codec: s.inbound.audio.codec },
    video: s.inbound.video && { packetsReceived: s.inbound.video.packetsReceived, framesDecoded: s.inbound.video.framesDecoded,
      frame: `${s.inbound.video.frameWidth}x${s.inbound.video.frameHeight}`, codec: s.inbound.video.codec },
    outbound: { audioPacketsSent: s.outbound.audio?.packetsSent, videoPacketsSent: s.outbound.video?.packetsSent,
      videoFramesEncoded: s.outbound.video?.framesEncoded },
  };
  return { first: pick(r.samples[0]), second: pick(r.samples[1]) };
}

const round = (v, digits = 1) => (typeof v === 'number' ? Number(v.toFixed(digits)) : v ?? null);

function median(values) {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : round((v[m - 1] + v[m]) / 2);
}

// ---- running ----

// One run in a fresh page (tab) of the browser's profile.
async function runOnce(browser, base, server, opts, n) {
  const page = await browser.newPage();
  const consoleLines = [];
  try {
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
    page.on('response', (res) => {
      if (res.status() >= 400) consoleLines.push(`http: ${res.status()} ${res.request().method()} ${res.url()}`);
    });
    const trace = opts.traceDir ? await startTrace(page) : null;
    const url = `${base}/?server=${encodeURIComponent(server)}&sampleMs=${opts.sampleMs}&stepMs=${opts.stepMs}`
      + (opts.probeMs > 0 ? `&probeMs=${opts.probeMs}` : '');
    await page.goto(url);
    const budget = opts.stepMs * 6 + opts.sampleMs + 20000;
    const r = await withTimeout(page.evaluate(() => window.echotestResult), budget, `run ${n} on ${server}`);
    if (trace) {
      writeFileSync(join(opts.traceDir, `${server.startsWith('ws') ? 'ws' : 'http'}-${n}.json`), await endTrace(trace));
    }
    for (const line of consoleLines) {
      if (line.startsWith('pageerror')) r.errors.push(line);
    }
    return { r, consoleLines };
  } finally {
    await withTimeout(page.close(), 10000, 'closing the page').catch(() => {});
  }
}

// Chromium's tracing over the DevTools protocol (playwright-core has no tracing call of its own for Chromium any
// more): the scheduler's tasks, JavaScript calls, layout, loading and WebRTC categories, and the page's marks.
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing',
  'v8.execute', 'loading', 'netlog', 'webrtc', 'renderer.scheduler'];

async function startTrace(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: TRACE_CATEGORIES } });
  return cdp;
}

async function endTrace(cdp) {
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  const chunks = [];
  for (;;) {
    const c = await cdp.send('IO.read', { handle: stream });
    chunks.push(c.base64Encoded ? Buffer.from(c.data, 'base64') : Buffer.from(c.data));
    if (c.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  await cdp.detach();
  return Buffer.concat(chunks);
}

class Timeout extends Error {}

function withTimeout(promise, ms, what) {
  let timer;
  const t = new Promise((_, reject) => { timer = setTimeout(() => reject(new Timeout(`${what}: no result after ${ms} ms`)), ms); });
  return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

function report(server, run, r, consoleLines, verbose) {
  const failures = judge(r);
  const entry = { server, transport: r.transport, run, ok: failures.length === 0, failures, failedAt: r.failedAt,
    timings: timings(r), candidatePair: r.candidatePair, hangupReason: r.hangupReason,
    // On the machine's clock, for lining the run up with a capture (capture-timeline.mjs).
    offerSentAtEpochMs: r.marks.offerSent === undefined ? null : round(r.timeOrigin + r.marks.offerSent),
    ...(r.mainThreadBusy ? { mainThreadBusy: r.mainThreadBusy } : {}),
    wire: r.wire.map((w) => w.janus + (w.type ? `:${w.type}:${w.receiving}` : '')), stats: statsDigest(r) };
  const t = entry.timings;
  console.log(`RUN ${r.transport} #${run} ${entry.ok ? 'ok' : 'FAILED'} offer->webrtcup ${t.offerToWebrtcupMs} ms`
    + (t.offerToWebrtcupArrivedMs === null ? ',' : ` (its long poll arrived at ${t.offerToWebrtcupArrivedMs} ms),`)
    + ` offer->first packet ${t.offerToFirstPacketMs} ms (getStats), ${t.offerToUnmuteMs} ms (track unmute),`
    + ` pair ${JSON.stringify(r.candidatePair)}`
    + (entry.ok ? '' : ` failures ${JSON.stringify(failures)}`));
  if (verbose || !entry.ok) {
    for (const line of consoleLines.slice(-40)) console.log(`  console ${line}`);
  }
  return entry;
}

function summarize(entries, errors, timedOut) {
  const byTransport = {};
  for (const e of entries) {
    (byTransport[e.transport] ??= []).push(e);
  }
  const medians = {};
  for (const [transport, list] of Object.entries(byTransport)) {
    medians[transport] = {
      runs: list.length,
      offerToWebrtcupMs: median(list.map((e) => e.timings.offerToWebrtcupMs)),
      offerToWebrtcupArrivedMs: median(list.map((e) => e.timings.offerToWebrtcupArrivedMs)),
      offerToFirstPacketMs: median(list.map((e) => e.timings.offerToFirstPacketMs)),
      offerToUnmuteMs: median(list.map((e) => e.timings.offerToUnmuteMs)),
    };
  }
  const ok = !timedOut && errors.length === 0 && entries.length > 0 && entries.every((e) => e.ok);
  return { ok, timedOut, errors, medians, runs: entries };
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
    if (opts.traceDir) mkdirSync(opts.traceDir, { recursive: true });
  } catch (e) {
    console.error(e.message);
    console.log(`SUMMARY ${JSON.stringify({ ok: false, errors: [e.message], runs: [] })}`);
    return 1;
  }
  const entries = [];
  const errors = [];
  let timedOut = false;
  let browser = null;
  let http = null;
  const userDataDir = mkdtempSync(join(tmpdir(), 'webfon-chromium-'));
  const hard = setTimeout(() => {
    // Last resort: report, then exit; playwright kills the browser it launched when this process exits.
    timedOut = true;
    errors.push(`hard timeout of ${opts.timeout} s`);
    console.log(`SUMMARY ${JSON.stringify(summarize(entries, errors, true))}`);
    rmSync(userDataDir, { recursive: true, force: true });
    process.exit(2);
  }, opts.timeout * 1000);
  try {
    http = await startStaticServer();
    const base = `http://127.0.0.1:${http.address().port}`;
    browser = await launch(opts, userDataDir);
    for (const server of opts.servers) {
      // After a failed run the server's remaining runs are skipped: they would fail alike, each after a timeout.
      for (let run = 1; run <= opts.runs; run++) {
        const { r, consoleLines } = await runOnce(browser, base, server, opts, run);
        const entry = report(server, run, r, consoleLines, opts.verbose);
        entries.push(entry);
        if (!entry.ok) break;
      }
    }
  } catch (e) {
    if (e instanceof Timeout) timedOut = true;
    errors.push(e.message);
    console.error(e.stack || e.message);
  } finally {
    if (browser) await withTimeout(browser.close(), 10000, 'closing chromium').catch((e) => errors.push(e.message));
    if (http) {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
    rmSync(userDataDir, { recursive: true, force: true });
    clearTimeout(hard);
  }
  const summary = summarize(entries, errors, timedOut);
  console.log(`SUMMARY ${JSON.stringify(summary)}`);
  if (summary.ok) return 0;
  return timedOut ? 2 : 1;
}

// Debian's chromium (never a browser playwright downloads) with a fresh profile directory, which playwright passes
// as --user-data-dir and main() removes afterwards.
function launch(opts, userDataDir) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: opts.chromium, headless: true, args: CHROMIUM_ARGS, timeout: 30000,
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log(`SUMMARY ${JSON.stringify({ ok: false, errors: [`stopped by ${signal}`], runs: [] })}`);
    process.exit(1);
  });
}

process.exitCode = await main();
