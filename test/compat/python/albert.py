"""Drives Batchyard with the real, unmodified Albert client (albert 1.47.2): batch data.

Environment: ALBERT_BASE_URL (the server's root URL), ALBERT_API_KEY, ALBERT_CLIENT_ID,
ALBERT_CLIENT_SECRET, NEW_TASK (a TAS id without batch data), ROWS_TASK (a TAS id whose sheet has
rows ROW1..ROW5 and lots LOT1, LOT2 on COL1), OTHER_TASK (a TAS id in another workspace),
MISSING_TASK (a well-formed TAS id of no task). Prints one JSON line with what it observed.
"""

import json
import os
import sys

# This file is albert.py: its folder must not shadow the albert package.
here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]

from albert import Albert, AlbertClientCredentials
from albert.exceptions import AlbertHTTPError, BadRequestError, NotFoundError
from albert.resources.batch_data import BatchValueId, BatchValuePatchDatum, BatchValuePatchPayload

base_url = os.environ["ALBERT_BASE_URL"]
new_task = os.environ["NEW_TASK"]
rows_task = os.environ["ROWS_TASK"]
out = {}

# Client credentials: the client POSTs the token form itself and sends the access token.
creds = AlbertClientCredentials(
    id=os.environ["ALBERT_CLIENT_ID"], secret=os.environ["ALBERT_CLIENT_SECRET"], base_url=base_url
)
by_client = Albert(auth_manager=creds)
# A static token: a Batchyard API key.
by_key = Albert(base_url=base_url, token=os.environ["ALBERT_API_KEY"])

created = by_client.batch_data.create_batch_data(task_id=new_task)
out["created"] = {
    "id": created.id,
    "size": created.size,
    "product": [{"id": c.id, "colId": c.col_id, "name": c.name} for c in created.product or []],
    "rows": len(created.rows or []),
}


def refused(call):
    try:
        call()
    except AlbertHTTPError as error:
        return {"type": type(error).__name__, "status": error.response.status_code, "message": str(error)}
    return None


out["second_create"] = refused(lambda: by_key.batch_data.create_batch_data(task_id=new_task))
# The id without its prefix, in lower case: the client upper-cases it and adds TAS.
out["fetched_new"] = by_key.batch_data.get_by_id(id=new_task[3:].lower()).id


def view(data):
    return [
        {
            "rowId": r.row_id,
            "name": r.name,
            "values": [{"colId": v.col_id, "value": v.value, "type": v.type} for v in r.values],
            "children": [
                {
                    "id": c.id,
                    "values": [{"colId": v.col_id, "value": v.value, "type": v.type} for v in c.values],
                }
                for c in r.child_rows
            ],
        }
        for r in data.rows or []
    ]


# Paging: limit smaller than the rows, lastKey back as startKey, ascending and descending.
pages = []
start = None
while True:
    page = by_key.batch_data.get_by_id(id=rows_task, limit=2, start_key=start, order_by="asc")
    pages.append({"size": page.size, "lastKey": page.last_key, "rows": [r.row_id for r in page.rows or []]})
    start = page.last_key
    if start is None or len(pages) > 10:
        break
out["pages_asc"] = pages
out["desc_first"] = [r.row_id for r in by_key.batch_data.get_by_id(id=rows_task, limit=3).rows or []]


def patch(row, col, operation, lot=None, new=None, old=None):
    return BatchValuePatchPayload(
        id=BatchValueId(row_id=row, col_id=col),
        data=[BatchValuePatchDatum(operation=operation, lot_id=lot, new_value=new, old_value=old)],
        lot_id=lot,
    )


def row_of(row_id):
    data = by_key.batch_data.get_by_id(id=rows_task, limit=100, order_by="asc")
    return next(r for r in view(data) if r["rowId"] == row_id)


by_client.batch_data.update_used_batch_amounts(
    task_id=rows_task, patches=[patch("ROW1", "COL1", "add", lot="LOT1", new="10")]
)
out["after_add"] = row_of("ROW1")
by_key.batch_data.update_used_batch_amounts(
    task_id=rows_task, patches=[patch("ROW1", "COL1", "update", lot="LOT1", new="12.5", old="10")]
)
out["after_update"] = row_of("ROW1")
# A stale oldValue rejects the whole list: the add before it is not applied either.
out["stale"] = refused(
    lambda: by_key.batch_data.update_used_batch_amounts(
        task_id=rows_task,
        patches=[
            patch("ROW2", "COL1", "add", lot="LOT2", new="3"),
            patch("ROW1", "COL1", "update", lot="LOT1", new="1", old="10"),
        ],
    )
)
out["after_stale"] = {"ROW1": row_of("ROW1"), "ROW2": row_of("ROW2")}
out["not_a_number"] = refused(
    lambda: by_key.batch_data.update_used_batch_amounts(
        task_id=rows_task, patches=[patch("ROW2", "COL1", "add", lot="LOT2", new="ten")]
    )
)
out["after_not_a_number"] = row_of("ROW2")
# The row's own value (no lot), then the lot's value deleted.
by_key.batch_data.update_used_batch_amounts(
    task_id=rows_task, patches=[patch("ROW2", "COL1", "update", new="7.25", old="2")]
)
by_key.batch_data.update_used_batch_amounts(
    task_id=rows_task, patches=[patch("ROW1", "COL1", "delete", lot="LOT1", old="12.5")]
)
out["after_delete"] = {"ROW1": row_of("ROW1"), "ROW2": row_of("ROW2")}

# Another workspace's task, and a task that does not exist: NotFoundError, nothing changed.
other = os.environ["OTHER_TASK"]
out["other_get"] = refused(lambda: by_key.batch_data.get_by_id(id=other))
out["other_create"] = refused(lambda: by_key.batch_data.create_batch_data(task_id=other))
out["other_patch"] = refused(
    lambda: by_key.batch_data.update_used_batch_amounts(
        task_id=other, patches=[patch("ROW1", "COL1", "add", lot="LOT1", new="1")]
    )
)
out["missing_get"] = refused(lambda: by_key.batch_data.get_by_id(id=os.environ["MISSING_TASK"]))

print(json.dumps(out))
