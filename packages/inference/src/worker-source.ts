/**
 * The worker thread's program, as source text run with `new Worker(source, { eval: true })`, so the pool needs no
 * separate file next to the bundle (ESM, CJS and the test runner all find it). It loads onnxruntime-node from the path
 * the main thread resolved, opens one session (trying the providers in order, a CUDA load failure told by the main
 * thread's pattern) and answers `run` messages.
 */
export const WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
let session;
const providerLoadFailure = new RegExp(workerData.providerLoadFailure, 'i');
function isProviderLoadFailure(e) {
  return providerLoadFailure.test(String(e && e.message));
}
async function open() {
  let firstFailure;
  for (const attempt of workerData.attempts) {
    try {
      session = await ort.InferenceSession.create(workerData.model, attempt.options);
      const info = (names, meta) => names.map((name) => {
        const m = (meta || []).find((x) => x.name === name);
        return m && m.isTensor ? { name, type: m.type, shape: Array.from(m.shape) } : { name, type: 'unknown', shape: [] };
      });
      parentPort.postMessage({
        type: 'ready', provider: attempt.provider, cudaFailure: firstFailure,
        inputs: info(session.inputNames, session.inputMetadata), outputs: info(session.outputNames, session.outputMetadata),
      });
      return;
    } catch (e) {
      if (attempt.provider === 'cuda' && isProviderLoadFailure(e)) { firstFailure = e.message; continue; }
      parentPort.postMessage({ type: 'init-failed', message: e.message, provider: attempt.provider, cudaFailure: firstFailure });
      return;
    }
  }
  parentPort.postMessage({ type: 'init-failed', message: firstFailure, provider: 'cuda', cudaFailure: firstFailure });
}
parentPort.on('message', async (msg) => {
  if (msg.type === 'run') {
    try {
      const feeds = {};
      for (const name of session.inputNames) {
        const t = msg.feeds[name];
        if (t) feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
      }
      const results = await session.run(feeds);
      const outputs = {};
      const transfer = [];
      for (const [name, t] of Object.entries(results)) {
        outputs[name] = { type: t.type, data: t.data, dims: Array.from(t.dims) };
        if (t.data && t.data.buffer && !transfer.includes(t.data.buffer)) transfer.push(t.data.buffer);
      }
      parentPort.postMessage({ type: 'result', id: msg.id, outputs }, transfer);
    } catch (e) {
      parentPort.postMessage({ type: 'failed', id: msg.id, message: e.message });
    }
  } else if (msg.type === 'dispose') {
    try { if (session) await session.release(); } finally { session = undefined; parentPort.postMessage({ type: 'disposed' }); }
  }
});
open();
`;
