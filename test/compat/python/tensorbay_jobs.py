"""Drives the real, unmodified tensorbay 1.24.2 client against Batchyard's /compat/tensorbay.

Env: TB_BASE (http://host:port), TB_KEY (a Batchyard API key), TB_DATASET (main dataset name),
TB_OTHER_DATASET (another workspace's dataset name), TB_MAIN_BATCH (the main's batch that makes
the abort-strategy merge conflict; removed through the native API before the retry).
Prints one JSON line with what it observed.
"""
import json
import os
import time

import requests
from tensorbay import GAS
from tensorbay.exception import ResourceNotExistError

BASE = os.environ["TB_BASE"]
KEY = os.environ["TB_KEY"]

gas = GAS("ACCESSKEY-" + KEY, url="https://placeholder/")
# The client accepts only https URLs: point it at the http test server afterwards (WIRE.md §5).
gas._client.gateway_url = BASE + "/compat/tensorbay/gatewayv2/"
gas._client._open_api = BASE + "/compat/tensorbay/gatewayv2/tensorbay-open-api/v1/"

out = {}
dataset = gas.get_dataset(os.environ["TB_DATASET"])
out["datasetCommitId"] = dataset.status.commit_id
out["datasetBranch"] = dataset.status.branch_name

try:
    gas.get_dataset(os.environ["TB_OTHER_DATASET"])
    out["otherWorkspace"] = "found"
except ResourceNotExistError as error:
    out["otherWorkspace"] = type(error).__name__

merge = dataset.squash_and_merge
# A merge with strategy abort fails on the key conflict; the conflict removed, retry succeeds.
failed = merge.create_job(
    draft_title="merge dev strictly", source_branch_name="dev", target_branch_name="main", strategy="abort"
)
failed.update(until_complete=True)
out["abortStrategy"] = {"status": failed.status, "errorMessage": failed.error_message}
native = {"authorization": "Bearer " + KEY}
response = requests.delete(BASE + "/v1/batches/" + os.environ["TB_MAIN_BATCH"], headers=native, timeout=30)
response.raise_for_status()
for _ in range(100):
    if requests.get(BASE + "/v1/batches/" + os.environ["TB_MAIN_BATCH"], headers=native, timeout=30).status_code == 404:
        break
    time.sleep(0.1)
failed.retry()
failed.update(until_complete=True)
out["retried"] = {"status": failed.status, "draftNumber": failed.result.number, "draftTitle": failed.result.title}

# A merge that overrides: its draft is the job's result.
job = merge.create_job(
    draft_title="merge dev", source_branch_name="dev", target_branch_name="main", strategy="override"
)
out["created"] = {"jobId": job.job_id, "createdAt": job.created_at, "title": job.title, "arguments": job.arguments}
job.update(until_complete=True)
draft = job.result
out["merged"] = {
    "status": job.status,
    "errorMessage": job.error_message,
    "startedAt": job.started_at,
    "finishedAt": job.finished_at,
    "draftNumber": draft.number,
    "draftTitle": draft.title,
    "draftBranch": draft.branch_name,
    "draftStatus": draft.status,
}
got = merge.get_job(job.job_id)
out["got"] = {"jobId": got.job_id, "jobType": got._job_type,
              "status": got.status, "arguments": got.arguments, "title": got.title}

def wait_native_status(job_id, status, failure):
    """Polls the native job until it has `status` (60 s at most), else ends the script with `failure`."""
    for _ in range(600):
        if requests.get(BASE + "/v1/jobs/" + job_id, headers=native, timeout=30).json()["status"] == status:
            return
        time.sleep(0.1)
    raise SystemExit(failure)

# An aborted job. The server runs one job at a time: a native sleep job holds that slot, so the
# merge has not started when the abort arrives (queued, or claimed ahead and waiting for the slot),
# on both stores, whatever the machine's load.
blocker = requests.post(BASE + "/v1/jobs", headers=native, timeout=30,
                        json={"type": "system.sleep", "arguments": {"ms": 600000, "steps": 600}})
blocker.raise_for_status()
blocker_id = blocker.json()["id"]
wait_native_status(blocker_id, "running", "the blocking sleep job never started")
aborted = merge.create_job(
    draft_title="merge dev again", source_branch_name="dev", target_branch_name="main", strategy="skip"
)
aborted.abort()
aborted.update(until_complete=True)
requests.post(BASE + "/v1/jobs/" + blocker_id + "/abort", headers=native, timeout=30).raise_for_status()
wait_native_status(blocker_id, "aborted", "the blocking sleep job did not end on abort")
out["aborted"] = {"status": aborted.status}

out["listed"] = sorted(j.job_id for j in merge.list_jobs())
out["listedSuccess"] = sorted(j.job_id for j in merge.list_jobs(status="SUCCESS"))
merge.delete_job(aborted.job_id)
out["listedAfterDelete"] = sorted(j.job_id for j in merge.list_jobs())
try:
    merge.get_job(aborted.job_id)
    out["deletedGet"] = "found"
except ResourceNotExistError as error:
    out["deletedGet"] = type(error).__name__

# A basic search, and a dataset made from its result.
devset = gas.get_dataset(os.environ["TB_DATASET"] + ".dev")
search = devset.basic_search.create_job(conjunction="and", filters=[("category", "in", ["cat"])])
search.update(until_complete=True)
out["search"] = {
    "status": search.status,
    "errorMessage": search.error_message,
    "result": search.result is not None,
    "listed": [j.job_id for j in devset.basic_search.list_jobs()],
    "got": devset.basic_search.get_job(search.job_id).status,
}
search.create_dataset("cats_found")
out["searchJobId"] = search.job_id
out["jobIds"] = {"failed": failed.job_id, "merged": job.job_id, "aborted": aborted.job_id}
print(json.dumps(out))
