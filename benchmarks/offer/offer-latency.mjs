#!/usr/bin/env node
// One Janus API target over HTTP long poll, one call at a time, as janus.js does it: create, attach echotest, a
// pending long poll (maxev=10), then `message` with a browser's SDP offer, then destroy. Times, from sending the
// message: its `ack` (the POST's response) and the JSEP answer (the long poll's response). With --mode message the
// request has no JSEP and the echotest's plain event is awaited instead: what the SDP adds is the difference.
//
//   node offer-latency.mjs --base http://127.0.0.1:8088/janus [--cycles 300] [--mode offer|message]
//        [--sdp FILE] [--timeout-ms 3000]
//
// Prints one JSON line: {"mode", "cycles", "ackMs": {p50, p90, p99}, "answerMs": {...}, "missing"}. Node 18+ (fetch).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const opts = { base: null, cycles: 300, mode: 'offer', timeoutMs: 3000,
  sdp: join(here, '../../rtp-engine/src/test/resources/sdp/chrome-156-offer.sdp') };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const [key, value] = [argv[i], argv[i + 1]];
  if (value === undefined) throw new Error(`${key} needs a value`);
  switch (key) {
    case '--base': opts.base = value; break;
    case '--cycles': opts.cycles = Number(value); break;
    case '--mode': opts.mode = value; break;
    case '--sdp': opts.sdp = value; break;
    case '--timeout-ms': opts.timeoutMs = Number(value); break;
    default: throw new Error(`unknown argument ${key}`);
  }
}
if (!opts.base || !(opts.cycles > 0) || !['offer', 'message'].includes(opts.mode)) {
  throw new Error('usage: offer-latency.mjs --base URL [--cycles N] [--mode offer|message] [--sdp FILE]');
}
// The fixture is stored with CRLF; a browser sends CRLF too.
const sdp = readFileSync(opts.sdp, 'utf8').replace(/\r?\n/g, '\r\n');

let transactions = 0;
async function post(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, transaction: `offer-latency-${transactions++}` }) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

// Long polls until `wanted` matches an event; resolves with the time it arrived, or NaN once aborted.
async function pollFor(session, wanted, signal) {
  while (!signal.aborted) {
    let events;
    try {
      const res = await fetch(`${opts.base}/${session}?rid=${Date.now()}&maxev=10`, { signal });
      events = await res.json();
    } catch (e) {
      if (signal.aborted) return NaN;
      throw e;
    }
    for (const e of Array.isArray(events) ? events : [events]) {
      if (wanted(e)) return performance.now();
    }
  }
  return NaN;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const acks = [];
const answers = [];
let missing = 0;
for (let i = 0; i < opts.cycles; i++) {
  const session = (await post(opts.base, { janus: 'create' })).data.id;
  const handle = (await post(`${opts.base}/${session}`, { janus: 'attach', plugin: 'janus.plugin.echotest' })).data.id;
  const done = new AbortController();
  const wanted = opts.mode === 'offer' ? (e) => e.jsep !== undefined : (e) => e.janus === 'event';
  const answered = pollFor(session, wanted, done.signal);
  await sleep(5); // the poll is waiting at the target, as janus.js's is when it sends an offer
  const body = { janus: 'message', body: { audio: true, video: true } };
  if (opts.mode === 'offer') body.jsep = { type: 'offer', sdp };
  const sent = performance.now();
  const ack = await post(`${opts.base}/${session}/${handle}`, body);
  const acked = performance.now();
  if (ack.janus !== 'ack') throw new Error(`expected an ack, got ${JSON.stringify(ack).slice(0, 300)}`);
  const timer = setTimeout(() => done.abort(), opts.timeoutMs);
  const at = await answered;
  clearTimeout(timer);
  done.abort();
  acks.push(acked - sent);
  if (Number.isNaN(at)) missing++; else answers.push(at - sent);
  await post(`${opts.base}/${session}`, { janus: 'destroy' });
}

function percentiles(values) {
  const v = [...values].sort((a, b) => a - b);
  const at = (q) => (v.length === 0 ? null : Number(v[Math.min(v.length - 1, Math.floor(q * v.length))].toFixed(3)));
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99) };
}
console.log(JSON.stringify({ mode: opts.mode, cycles: opts.cycles, ackMs: percentiles(acks),
  answerMs: percentiles(answers), missing }));
