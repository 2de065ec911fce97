// The worker thread of preparer.ts: answers { id, docs } with { id, batch } (prepareSteps run to the end;
// each document as its number in `docs` instead of itself, the arrays moved, not copied) or { id, error }.
import { parentPort } from 'node:worker_threads';
import { prepareSteps, toWire } from './prepare';
import type { PrepareReply, PrepareRequest } from './preparer';

parentPort!.on('message', (msg: PrepareRequest) => {
  let reply: PrepareReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const steps = prepareSteps(msg.docs);
    let r = steps.next();
    while (!r.done) r = steps.next();
    const wire = toWire(r.value, msg.docs);
    reply = { id: msg.id, batch: wire.batch };
    transfer = wire.transfer;
  } catch (err) {
    reply = { id: msg.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply, transfer);
});
