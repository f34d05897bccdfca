// Runs pacedLoad (bench/lib/common.mjs) in a process of its own, for pacedLoadInChild: the
// benchmark process holds its data set (a million rows or tasks), and its garbage collections
// would delay the clients' sends and show up as latency that the server never caused.
import { pacedLoad } from './common.mjs';

const options = JSON.parse(process.argv[2]);
let stopped;
const stop = new Promise((resolve) => (stopped = resolve));
process.on('message', (message) => message === 'stop' && stopped());
process.send({ ready: true });
const result = await pacedLoad({ ...options, stop: () => stop });
process.send({ result });
process.disconnect();
