// The load benchmark's mix for pacedLoad (bench/lib/common.mjs), run in its child process: the
// same five requests as the autocannon runs (workload.mjs), each client walking them in order with
// a context of its own (its task-name counter, its last job's id).
import { STEP_NAMES, workload } from './workload.mjs';

export function pacedMix({ token, ids }) {
  const requests = workload({ token }, ids);
  return {
    names: STEP_NAMES,
    size: requests.length,
    request(step, context) {
      const { method, path, headers, body, setupRequest } = requests[step];
      const request = { method, path, headers, body };
      return setupRequest ? setupRequest(request, context) : request;
    },
    answered(step, status, body, context) {
      requests[step].onResponse?.(status, body, context);
    },
  };
}
