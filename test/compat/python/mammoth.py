"""Drives the real, unmodified mammoth_analytics client against Batchyard's /compat/mammoth.

Fixtures come from the TypeScript test through the environment (integer ids); the last stdout
line is one JSON object with what was observed. Exceptions propagate (non-zero exit).
"""
import json
import os
import time

from mammoth_analytics import MammothAnalytics, errors, models

env = os.environ
URL = env["MAMMOTH_URL"]
WS, P, DS = int(env["WS"]), int(env["P"]), int(env["DS"])
SRC, SRC2 = int(env["SRC"]), int(env["SRC2"])
B1, B2, B3 = (int(n) for n in env["BATCHES"].split(","))
OTHER_WS, OTHER_P, OTHER_DS = (int(n) for n in env["OTHER"].split(","))
SRC_COL_SKU, DST_COL_SKU = env["SKU_IDS"].split(",")
SRC_COL_QTY, DST_COL_QTY = env["QTY_IDS"].split(",")


def client(key=env["KEY"], secret=env["SECRET"]):
    return MammothAnalytics(server_url=URL, security=models.Security(api_key=key, api_secret=secret))


def wait(ma, job_id):
    """Polls the job every 0.2 s (the original client's helper polls every 2 s) until it ends."""
    for _ in range(300):
        job = ma.jobs.get(job_id=job_id).job
        if job.status != "processing":
            return job
        time.sleep(0.2)
    raise RuntimeError(f"job {job_id} still processing")


def job_of(res):
    """create answers ObjectJobSchema or any JSON object (the client's union)."""
    return res.job_id if hasattr(res, "job_id") else res["job_id"]


def dump(res):
    return res.model_dump(mode="json") if hasattr(res, "model_dump") else res


def refused(call):
    """The status and error class a refused call raised."""
    try:
        call()
    except errors.MammothAnalyticsError as e:
        return {"status": e.status_code, "error": type(e).__name__, "body": json.loads(e.body)}
    raise AssertionError("the call was not refused")


out = {}
where = dict(workspace_id=WS, project_id=P, dataset_id=DS)
with client() as ma:
    # list: defaults, projection, paging, filters, sort
    everything = ma.batches.list(**where)
    out["list"] = [b.model_dump(mode="json") for b in everything.batches]
    out["list_next"] = everything.next
    page1 = ma.batches.list(**where, fields="id,name", sort="(id:desc)", limit=1, offset=0)
    page2 = ma.batches.list(**where, fields="id,name", sort="(id:desc)", limit=1, offset=1)
    out["page1"] = {"ids": [b.id for b in page1.batches], "next": page1.next, "fields": sorted(k for k, v in page1.batches[0].model_dump().items() if v is not None)}
    out["page2"] = {"ids": [b.id for b in page2.batches], "next": page2.next}
    last = ma.batches.list(**where, limit=100, offset=2)
    out["last_page"] = {"ids": [b.id for b in last.batches], "next": last.next}
    filtered = ma.batches.list(**where, id=f"{B1},{B2}", status="active", row_count="2,3")
    out["filtered"] = [b.id for b in filtered.batches]
    out["by_date_future"] = [b.id for b in ma.batches.list(**where, created_at="(from:'2999-01-01T00:00:00.000Z',to:'2999-12-31T00:00:00.000Z')").batches]
    out["by_date_all"] = [b.id for b in ma.batches.list(**where, created_at="(from:'2000-01-01T00:00:00.000Z',to:'2999-12-31T00:00:00.000Z')").batches]
    out["by_rows_desc"] = [b.id for b in ma.batches.list(**where, sort="(row_count:desc),(id:asc)").batches]

    # get
    got = ma.batches.get(**where, batch_id=B1)
    out["get"] = got.batch.model_dump(mode="json")
    out["get_fields"] = {k: v for k, v in ma.batches.get(**where, batch_id=B1, fields="id,state").batch.model_dump(mode="json").items() if v is not None}

    # create: append from another dataset, mapping by name
    created = ma.batches.create(**where, source_id=SRC, validate_only=False, delete_source_ds=False, mapping=[
        {"destination_c_name": "sku", "source_c_name": "sku", "expected_destination_c_type": "TEXT"},
        {"destination_c_name": "qty", "source_c_name": "qty", "expected_destination_c_type": "NUMERIC"},
    ])
    out["create_by_name"] = {"response": dump(created), "job": wait(ma, job_of(created)).model_dump(mode="json")}

    # create by column ids, validation only: nothing is appended
    checked = ma.batches.create(**where, source_id=SRC, validate_only=True, delete_source_ds=False, mapping=[
        {"destination_c_id": DST_COL_SKU, "source_c_id": SRC_COL_SKU, "expected_destination_c_type": "TEXT"},
        {"destination_c_id": DST_COL_QTY, "source_c_id": SRC_COL_QTY, "expected_destination_c_type": "NUMERIC"},
    ])
    out["create_validate_only"] = {"job": wait(ma, job_of(checked)).model_dump(mode="json")}

    # create into a new dataset, deleting the source afterwards
    moved = ma.batches.create(**where, source_id=SRC2, validate_only=False, delete_source_ds=True, new_ds_details={"name": "moved here"}, mapping=[
        {"destination_c_name": "sku", "source_c_name": "sku", "expected_destination_c_type": "TEXT"},
    ])
    out["create_new_ds"] = {"job": wait(ma, job_of(moved)).model_dump(mode="json")}

    # an unknown source column is the family's 400 (CreateBatchBadRequest)
    out["create_bad"] = refused(lambda: ma.batches.create(**where, source_id=SRC, validate_only=False, delete_source_ds=False, mapping=[
        {"destination_c_name": "sku", "source_c_name": "no such column", "expected_destination_c_type": "TEXT"},
    ]))

    # update: suspend then restore
    suspended = ma.batches.update(**where, patch={"op": "replace", "path": "batches", "value": {"suspend": [B1]}})
    out["suspend"] = {"response": suspended.model_dump(mode="json"), "job": wait(ma, suspended.job_id).model_dump(mode="json")["status"]}
    out["state_after_suspend"] = ma.batches.get(**where, batch_id=B1).batch.model_dump(mode="json")["state"]
    restored = ma.batches.update(**where, patch={"op": "replace", "path": "batches", "value": {"restore": [B1]}})
    out["restore"] = {"job": wait(ma, restored.job_id).model_dump(mode="json")["status"]}
    out["state_after_restore"] = ma.batches.get(**where, batch_id=B1).batch.model_dump(mode="json")["state"]

    # remove several, delete one
    removed = ma.batches.remove(**where, ids=f"{B2},{B3}")
    out["remove"] = {"response": removed.model_dump(mode="json"), "job": wait(ma, removed.job_id).model_dump(mode="json")["status"]}
    deleted = ma.batches.delete(**where, batch_id=B1)
    out["delete"] = {"response": deleted.model_dump(mode="json"), "job": wait(ma, deleted.job_id).model_dump(mode="json")["status"]}
    out["after_delete"] = [b.id for b in ma.batches.list(**where).batches]
    out["get_deleted"] = refused(lambda: ma.batches.get(**where, batch_id=B1))

    # another workspace's numbers, a wrong parent, an unknown job
    out["other_workspace"] = refused(lambda: ma.batches.list(workspace_id=OTHER_WS, project_id=OTHER_P, dataset_id=OTHER_DS))
    out["other_dataset_in_my_path"] = refused(lambda: ma.batches.list(workspace_id=WS, project_id=P, dataset_id=OTHER_DS))
    out["unknown_job"] = refused(lambda: ma.jobs.get(job_id=2_000_000_000))

with client(secret="wrong") as bad:
    out["bad_secret"] = refused(lambda: bad.batches.list(**where))

print(json.dumps(out))
