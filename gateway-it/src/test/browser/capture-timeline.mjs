#!/usr/bin/env node
// Lines a browser echotest run up with a packet capture of it: for each run, when the offer, the answer and
// `webrtcup` were on the wire and when the page saw them, and how the node met the browser's first ICE check and
// started DTLS. The page's marks are on its own clock (performance.timeOrigin + marks, which run-echotest.mjs
// reports as offerSentAtEpochMs) and the capture's on the same machine's, so the two line up to a fraction of a
// millisecond: the difference between "on the wire" and "in the page" is the browser's own time.
//
//   node capture-timeline.mjs --summary RUNNER_OUTPUT --pcap FILE
//
// RUNNER_OUTPUT is what run-echotest.mjs printed (its SUMMARY line is read; the servers' ports come from it), FILE
// the capture reference-janus-echotest.sh writes with WEBFON_PCAP (tcpdump -i any: Linux cooked v1 or v2, Ethernet,
// or raw IPv4 frames; IPv4 only, as the test namespace is). The node's media ports are the ones its DTLS
// ClientHello leaves from: both Janus and our node answer a browser's offer with a=setup:active.
// A small pcap reader of our own: tcpdump's classic format is a 24-byte header and 16-byte record headers, and
// nothing here needs more than the first bytes of each payload.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--summary') o.summary = argv[i + 1];
    else if (argv[i] === '--pcap') o.pcap = argv[i + 1];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!o.summary || !o.pcap) throw new Error('usage: capture-timeline.mjs --summary RUNNER_OUTPUT --pcap FILE');
  return o;
}

const LINK_HEADER = { 0: 4, 1: 14, 101: 0, 113: 16, 276: 20 };

/** Every TCP segment with payload and every UDP datagram of the capture: {t (epoch ms), proto, sport, dport, data}. */
export function readPcap(bytes) {
  const b = Buffer.from(bytes);
  const magic = b.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!le && ![0xd4c3b2a1, 0x4d3cb2a1].includes(magic)) throw new Error('not a pcap file (pcapng is not read)');
  const u32 = (o) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const nano = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  const link = u32(20);
  const skip = LINK_HEADER[link];
  if (skip === undefined) throw new Error(`link type ${link} is not read`);
  const packets = [];
  for (let o = 24; o + 16 <= b.length;) {
    const t = u32(o) * 1000 + u32(o + 4) / (nano ? 1e6 : 1e3);
    const caplen = u32(o + 8);
    const frame = b.subarray(o + 16, o + 16 + caplen);
    o += 16 + caplen;
    const ip = frame.subarray(skip);
    if (ip.length < 20 || ip[0] >> 4 !== 4) continue;
    const l4 = ip.subarray((ip[0] & 15) * 4);
    if (l4.length < 8) continue;
    const sport = l4.readUInt16BE(0);
    const dport = l4.readUInt16BE(2);
    if (ip[9] === 6 && l4.length >= 20) {
      const data = l4.subarray((l4[12] >> 4) * 4);
      if (data.length > 0) packets.push({ t, proto: 'tcp', sport, dport, data });
    } else if (ip[9] === 17) {
      packets.push({ t, proto: 'udp', sport, dport, data: l4.subarray(8) });
    }
  }
  return packets;
}

const isClientHello = (d) => d.length > 13 && d[0] === 22 && d[13] === 1;
const stunType = (d) => (d.length >= 20 && d[0] < 4 ? d.readUInt16BE(0) : -1);
const round = (v) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);

/** One run's timeline, in ms from the page's offer mark; null where the capture or the page has no such event. */
export function timeline(run, packets) {
  const offer = run.offerSentAtEpochMs;
  const url = new URL(run.server);
  const port = Number(url.port || (['https:', 'wss:'].includes(url.protocol) ? 443 : 80));
  const from = offer - 2;
  const after = (p) => p.t >= from;
  const toNode = (p) => p.proto === 'tcp' && p.dport === port && after(p);
  const fromNode = (p) => p.proto === 'tcp' && p.sport === port && after(p);
  const carries = (p, text) => p.data.includes(text);
  const firstRequest = packets.find(toNode);
  const answer = packets.find((p) => fromNode(p) && carries(p, '"answer"'));
  const up = packets.find((p) => fromNode(p) && carries(p, 'webrtcup'));
  const until = up ? up.t : Infinity;
  const hello = packets.find((p) => p.proto === 'udp' && after(p) && p.t <= until && isClientHello(p.data));
  const mediaPort = hello ? hello.sport : null;
  const check = packets.find((p) => p.proto === 'udp' && after(p) && p.dport === mediaPort && stunType(p.data) === 1);
  const checkAnswer = check && packets.find((p) => p.proto === 'udp' && p.t >= check.t && p.sport === mediaPort
    && stunType(p.data) === 0x0101 && p.data.subarray(8, 20).equals(check.data.subarray(8, 20)));
  const at = (p) => (p ? round(p.t - offer) : null);
  const t = run.timings;
  return {
    transport: run.transport,
    run: run.run,
    firstRequest: at(firstRequest),
    answerOnWire: at(answer),
    answerInPage: t.offerToAnswerMs,
    firstCheck: at(check),
    checkAnsweredAfter: check && checkAnswer ? round(checkAnswer.t - check.t) : null,
    clientHello: at(hello),
    webrtcupOnWire: at(up),
    webrtcupArrived: t.offerToWebrtcupArrivedMs,
    webrtcupInPage: t.offerToWebrtcupMs,
    busyBeforeWebrtcup: busyBetween(run.mainThreadBusy, t.offerToWebrtcupArrivedMs, t.offerToWebrtcupMs),
  };
}

/**
 * How long the page's main thread was busy between the long poll carrying `webrtcup` arriving and the page seeing
 * it (runs taken with --probe-main-thread-ms only): the share of that wait the page's own tasks explain.
 */
function busyBetween(stretches, from, to) {
  if (!Array.isArray(stretches) || typeof from !== 'number' || typeof to !== 'number') return null;
  let busy = 0;
  for (const [start, length] of stretches) busy += Math.max(0, Math.min(start + length, to) - Math.max(start, from));
  return round(busy);
}

function median(values) {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (v.length === 0) return null;
  return round(v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
}

function summaryOf(text) {
  const line = text.split('\n').find((l) => l.startsWith('SUMMARY '));
  if (!line) throw new Error('no SUMMARY line in the runner output');
  return JSON.parse(line.slice('SUMMARY '.length));
}

const COLUMNS = ['firstRequest', 'answerOnWire', 'answerInPage', 'firstCheck', 'checkAnsweredAfter', 'clientHello',
  'webrtcupOnWire', 'webrtcupArrived', 'webrtcupInPage'];

export function report(summary, packets) {
  const rows = summary.runs.filter((r) => typeof r.offerSentAtEpochMs === 'number').map((r) => timeline(r, packets));
  const probed = rows.some((r) => r.busyBeforeWebrtcup !== null);
  const columns = probed ? [...COLUMNS, 'busyBeforeWebrtcup'] : COLUMNS;
  const lines = [`| transport | run | ${columns.join(' | ')} |`, `|---|---:|${columns.map(() => '---:').join('|')}|`];
  const cell = (v) => (v === null || v === undefined ? '-' : String(v));
  for (const row of rows) {
    lines.push(`| ${row.transport} | ${row.run} | ${columns.map((c) => cell(row[c])).join(' | ')} |`);
  }
  for (const transport of ['ws', 'http']) {
    const mine = rows.filter((r) => r.transport === transport);
    if (mine.length > 0) {
      const medians = columns.map((c) => cell(median(mine.map((r) => r[c]))));
      lines.push(`| ${transport} | median | ${medians.join(' | ')} |`);
    }
  }
  return { rows, text: lines.join('\n') };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const o = parseArgs(process.argv.slice(2));
    const { text } = report(summaryOf(readFileSync(o.summary, 'utf8')), readPcap(readFileSync(o.pcap)));
    console.log('ms from the page\'s offer mark; checkAnsweredAfter: the node\'s answer to the first check, after it');
    console.log(text);
  } catch (e) {
    console.error(`capture-timeline: ${e.message}`);
    process.exit(2);
  }
}
