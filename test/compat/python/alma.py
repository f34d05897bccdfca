"""Drives the real, unmodified almapiwrapper 1.7.6 against Batchyard's Alma adapter.

Env: ALMA_BASE_URL, alma_api_keys (zones NZ = admin key, VIEW = viewer key, BAD = a wrong key),
JOB_ID (a definition of the NZ workspace), OTHER_JOB_ID (another workspace's definition),
THROTTLED_JOB_ID (a definition allowing one start an hour). Prints one JSON line at the end.
"""
import json
import os
import time

import almapiwrapper.record as record
from almapiwrapper.config import Job

record.Record.api_base_url = os.environ["ALMA_BASE_URL"]
JOB_ID = os.environ["JOB_ID"]
TERMINAL = {"COMPLETED_SUCCESS", "COMPLETED_NO_BULKS", "COMPLETED_WARNING", "COMPLETED_FAILED", "FAILED",
            "MANUAL_HANDLING_REQUIRED", "SKIPPED", "SYSTEM_ABORTED", "USER_ABORTED"}
out = {}


def wait(job, instance_id=None):
    states = []
    for _ in range(300):
        state = job.check_instance_state(instance_id)
        states.append(state)
        if state["status"] in TERMINAL:
            break
        time.sleep(0.1)
    return states


# run with parameters (a number, a string with an escaped ampersand, a boolean), then follow it.
job = Job(JOB_ID, "NZ")
params = ("<job><parameters>"
          "<parameter><name>steps</name><value>4</value></parameter>"
          "<parameter><name>note</name><value>a &amp; b</value></parameter>"
          "<parameter><name>warn</name><value>true</value></parameter>"
          "</parameters></job>")
answer = job.run(parameters=params)
out["run"] = {"error": job.error, "instance_id": job.instance_id,
              "answer_id": answer.content.findtext("id"),
              "job_name": job.data.findtext("name")}
states = wait(job)
out["states"] = states
info = job.get_instance_info(job.instance_id)
out["info"] = info.content

# the default '<job/>' body, on a fresh object, and the list of both instances.
plain = Job(JOB_ID, "NZ")
plain.run()
out["plain_instance_id"] = plain.instance_id
out["plain_states"] = wait(plain)
instances = plain.get_instances()
out["instances"] = instances.content

# the type letter is only a prefix: S<id> names the same definition.
scheduled = Job(JOB_ID, "NZ", job_type="S")
out["via_s_letter"] = scheduled.get_instances().content["total_record_count"]

# another workspace's definition: not found, the client sets error and error_msg (from our XML).
other = Job(os.environ["OTHER_JOB_ID"], "NZ")
other_result = other.get_instances()
out["other"] = {"error": other.error, "error_msg": other.error_msg, "returned_job": other_result is other}

# an instance of another definition through this one: not found (JSON error).
mismatch = Job(JOB_ID, "NZ")
mismatch.get_instance_info(os.environ["FOREIGN_INSTANCE_ID"])
out["foreign_instance"] = {"error": mismatch.error, "error_msg": mismatch.error_msg}

# a wrong key.
bad = Job(JOB_ID, "BAD")
bad.get_instances()
out["bad_key"] = {"error": bad.error, "error_msg": bad.error_msg}

# a viewer reads but cannot run.
viewer = Job(JOB_ID, "VIEW")
out["viewer_count"] = viewer.get_instances().content["total_record_count"]
viewer.run()
out["viewer_run"] = {"error": viewer.error, "error_msg": viewer.error_msg, "instance_id": viewer.instance_id}

# a throttled definition: the first run starts, the second is refused without exit().
first = Job(os.environ["THROTTLED_JOB_ID"], "NZ")
first.run()
second = Job(os.environ["THROTTLED_JOB_ID"], "NZ")
second.run()
out["throttled"] = {"first_instance": first.instance_id, "first_error": first.error,
                    "error": second.error, "error_msg": second.error_msg, "instance_id": second.instance_id}

print(json.dumps(out, default=str))
