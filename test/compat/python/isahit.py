"""Drives the real, unmodified isahitlab 0.17.0 client against Batchyard's /compat/isahit/.

Environment: ISAHIT_ENDPOINT (with the trailing slash), ISAHIT_ID / ISAHIT_SECRET (an API client),
PROJECT_ID, BATCH_ID, BATCH2_ID, OTHER_PROJECT_ID (another workspace's), OUT_DIR, COUNT.
Prints one JSON line with what it observed; exceptions propagate (non-zero exit).
"""
import json
import os

from isahitlab.client import IsahitLab

E = os.environ
endpoint, project, batch, batch2 = E["ISAHIT_ENDPOINT"], E["PROJECT_ID"], E["BATCH_ID"], E["BATCH2_ID"]
count = int(E["COUNT"])
seen = {}


def refused(call):
    try:
        call()
    except Exception as error:  # noqa: BLE001 - the exception's class is what we report
        return type(error).__name__ + ": " + str(error)[:200]
    return None


def phase_one():
    # A bad login is refused with isahit's 401 (AuthenticationFailed).
    seen["badLogin"] = refused(lambda: IsahitLab(E["ISAHIT_ID"], "wrong-secret", endpoint, defer_auth=False).tasks(project_id=project))

    lab = IsahitLab(access_id=E["ISAHIT_ID"], secret_key=E["ISAHIT_SECRET"], endpoint=endpoint)

    # create_tasks, with the client's data check against the generated configuration.
    payloads = [
        {
            "name": f"img-{i}",
            "resources": [f"https://example.test/img-{i}.png"],
            "data": {"text": f"initial {i}", "n": i},
            "properties": {"score": i % 5, "custom": {"lang": "fr" if i % 2 else "en"}},
        }
        for i in range(count)
    ]
    created = lab.create_tasks(project, batch, payloads)
    seen["created"] = len(created)
    seen["firstCreated"] = created[0]
    ids = [t["_id"] for t in created]

    # The client's own data check refuses a field the project's schema does not have.
    seen["dataCheck"] = refused(lambda: lab.create_tasks(project, batch2, [{"name": "x", "data": {"nope": 1}}]))
    # A name already in the batch: refused with raise_if_existing, skipped without.
    seen["duplicateRaised"] = refused(lambda: lab.create_tasks(project, batch, [{"name": "img-0", "data": {"text": "again"}}]))
    skipped = lab.create_tasks(project, batch, [{"name": "img-0", "data": {"text": "again"}}, {"name": "extra", "data": {"text": "e"}}], raise_if_existing=False)
    seen["skippedCreate"] = [t["name"] for t in skipped]
    lab.create_tasks(project, batch2, [{"name": "other-batch", "data": {"text": "b2", "n": 1000}}])

    # tasks(): every filter of the seed page; more than one page of 100.
    everything = lab.tasks(project_id=project)
    seen["all"] = len(everything)
    seen["allNames"] = sorted(t["name"] for t in everything)
    seen["sampleData"] = next(t["data"] for t in everything if t["name"] == "img-3")
    seen["iterated"] = sum(1 for _ in lab.tasks(project_id=project, iterate=True))
    seen["byBatch"] = len(lab.tasks(project_id=project, batch_id_in=[batch2]))
    seen["byName"] = sorted(t["name"] for t in lab.tasks(project_id=project, name_in=["img-1", "img-2", "nope"]))
    seen["byNameLike"] = sorted(t["name"] for t in lab.tasks(project_id=project, name_like="^img-1[0-2]$"))
    seen["byData"] = [t["name"] for t in lab.tasks(project_id=project, data={"text": "initial 7"})]
    seen["byDataNumber"] = [t["name"] for t in lab.tasks(project_id=project, data={"n": 8})]
    seen["byProperty"] = len(lab.tasks(project_id=project, properties={"lang": "fr"}))
    seen["noData"] = lab.tasks(project_id=project, name_in=["img-4"], optional_fields=["jobs"])[0].get("data")
    future = "2999-01-01T00:00:00.000Z"
    past = "2000-01-01T00:00:00.000Z"
    seen["createdInRange"] = len(lab.tasks(project_id=project, created_at_gt=past, created_at_lt=future))
    seen["createdAfterFuture"] = len(lab.tasks(project_id=project, created_at_gte=future))
    seen["updatedBeforePast"] = len(lab.tasks(project_id=project, updated_at_lte=past))

    # Workflow: the test moved nothing yet; statuses as isahit spells them.
    seen["pendingBefore"] = len(lab.tasks(project_id=project, status_in=["pending"]))

    # update_properties_of_tasks returns the count the server reports.
    seen["propertiesUpdated"] = lab.update_properties_of_tasks(project, ids[:3], {"score": 42, "custom": {"lang": "de"}})
    seen["afterProperties"] = sorted(
        (t["name"], t["properties"]["score"], t["properties"]["custom"]["lang"])
        for t in lab.tasks(project_id=project, properties={"lang": "de"})
    )

    # The TypeScript test completes img-0..img-3 natively before phase 2.
    print(json.dumps({"phase": 1, "ids": ids[:6], **seen}))



def phase_two():
    lab = IsahitLab(access_id=E["ISAHIT_ID"], secret_key=E["ISAHIT_SECRET"], endpoint=endpoint)
    ids = E["TASK_IDS"].split(",")
    seen2 = {}
    # send_tasks_to_review: img-0, img-1 (complete → to-review).
    seen2["toReview"] = lab.send_tasks_to_review(project, ids[:2])
    seen2["toReviewListed"] = sorted(t["name"] for t in lab.tasks(project_id=project, status_in=["to-review"]))
    seen2["completeListed"] = sorted(t["name"] for t in lab.tasks(project_id=project, status_in=["complete"]))
    # send_tasks_to_redo: reset=False keeps the worked data (img-2), reset=True restores it (img-3).
    seen2["redoKeep"] = lab.send_tasks_to_redo(project, [ids[2]], reset=False)
    seen2["redoReset"] = lab.send_tasks_to_redo(project, [ids[3]], reset=True)
    after = {t["name"]: t for t in lab.tasks(project_id=project, name_in=["img-2", "img-3"])}
    seen2["redoData"] = {name: [t["status"], t["data"]] for name, t in after.items()}
    # A task that is not complete cannot go to review (the server refuses; the client raises).
    seen2["reviewPending"] = refused(lambda: lab.send_tasks_to_review(project, [ids[5]]))

    # export_tasks "lab": to a file and in memory.
    out = E["OUT_DIR"]
    lab.export_tasks(project, "lab", output_folder=out, output_filename="export.json")
    with open(os.path.join(out, "export.json")) as f:
        exported = json.load(f)
    seen2["exportFile"] = len(exported) if isinstance(exported, list) else exported
    in_memory = lab.export_tasks(project, "lab", in_memory=True, batch_id_in=[batch2])
    seen2["exportMemory"] = in_memory

    # Another workspace's project is not served: create_tasks sees no project (client quirk: a
    # TypeCheckError or None), tasks() gets a 404.
    seen2["otherProjectTasks"] = refused(lambda: lab.tasks(project_id=E["OTHER_PROJECT_ID"]))
    seen2["otherProjectCreate"] = refused(lambda: lab.create_tasks(E["OTHER_PROJECT_ID"], batch, [{"name": "z"}]))
    print(json.dumps({"phase": 2, **seen2}))


phase_one() if E["PHASE"] == "1" else phase_two()
