"""Reads a Batchyard label export with the readers people use, and prints what they see as JSON.

Usage: python read_labels.py FORMAT FILE [POINTS_JSON]
  coco   FILE: a COCO instances JSON, loaded by pycocotools.coco.COCO; each annotation's area, bbox
         and category, and the pixel count of its mask as pycocotools rasterises it (annToMask).
  yolo   FILE: a zip with data.yaml and labels/*.txt; each label line parsed into numbers.
  voc    FILE: a zip of Annotations/*.xml, parsed with xml.etree.
  masks  FILE: a zip of masks/*.png and classes.json, each PNG opened with Pillow; the pixel values
         at the points POINTS_JSON names ({"<stem>": [[x, y], ...]}) and the set of values used.
  rle    FILE: a JSON file {"counts": [{"size": [h, w], "counts": [...]}], "masks": [{"size": [h, w],
         "set": [[x, y, w, h], ...]}]}: pycocotools' compressed string, area and box of each
         uncompressed RLE (frPyObjects), and mask.encode of each mask drawn from its rectangles.
  png    FILE: a JSON list [{"mode": "L" | "1" | "P" | "I;16" | "RGB", "size": [w, h], "set": [[x, y, w, h], ...],
         "value": n or [r, g, b]}]: each as a PNG drawn by Pillow (value n in the rectangles, 0 elsewhere; a
         palette of distinct colours for P), base64.
The test beside this file compares the output with what it sent.
"""
import io
import json
import sys
import xml.etree.ElementTree as ET
import zipfile


def coco(path):
    from pycocotools.coco import COCO

    api = COCO(path)
    names = {c["id"]: c["name"] for c in api.loadCats(api.getCatIds())}
    images = {}
    for image in api.loadImgs(api.getImgIds()):
        anns = api.loadAnns(api.getAnnIds(imgIds=[image["id"]], iscrowd=None))
        out = []
        for a in anns:
            seg = a.get("segmentation")
            has_mask = bool(seg) if isinstance(seg, list) else seg is not None
            entry = {
                "class": names[a["category_id"]],
                "area": a["area"],
                "bbox": a["bbox"],
                "maskPixels": int(api.annToMask(a).sum()) if has_mask else None,
            }
            if isinstance(seg, dict):
                entry["rle"] = "compressed" if isinstance(seg["counts"], str) else "uncompressed"
                if isinstance(seg["counts"], str):
                    # pycocotools' own reading of the string: its area and box.
                    from pycocotools import mask as maskUtils

                    rle = {"size": seg["size"], "counts": seg["counts"].encode()}
                    entry["rleArea"] = int(maskUtils.area(rle))
                    entry["rleBox"] = [float(v) for v in maskUtils.toBbox(rle)]
            if "keypoints" in a:
                entry["keypoints"] = a["keypoints"]
                entry["numKeypoints"] = a["num_keypoints"]
            out.append(entry)
        images[image["file_name"]] = {
            "width": image["width"],
            "height": image["height"],
            "taskId": image["task_id"],
            "annotations": out,
        }
    categories = [names[i] for i in sorted(names)]
    result = {"categories": categories, "categoryIds": sorted(names), "images": images}
    keypoints = {
        c["name"]: {"keypoints": c["keypoints"], "skeleton": c.get("skeleton")}
        for c in api.loadCats(api.getCatIds())
        if "keypoints" in c
    }
    if keypoints:
        result["categoryKeypoints"] = keypoints
    return result


def open_zip(path):
    z = zipfile.ZipFile(path)
    assert z.testzip() is None, "a zip entry is corrupt"
    return z


def yolo(path):
    z = open_zip(path)
    yaml = z.read("data.yaml").decode()
    names = {}
    nc = None
    for line in yaml.splitlines():
        if line.startswith("nc:"):
            nc = int(line.split(":", 1)[1])
        elif line.startswith("  ") and ":" in line:
            key, value = line.strip().split(":", 1)
            names[int(key)] = json.loads(value.strip())
    files = {}
    kpt = [l for l in yaml.splitlines() if l.startswith("kpt_shape:")]
    for name in z.namelist():
        if name.startswith("labels/"):
            rows = []
            for line in z.read(name).decode().splitlines():
                parts = line.split()
                rows.append([int(parts[0])] + [float(p) for p in parts[1:]])
            files[name[len("labels/") : -len(".txt")]] = rows
    result = {"nc": nc, "names": [names[i] for i in sorted(names)], "files": files}
    if kpt:
        result["kptShape"] = json.loads(kpt[0].split(":", 1)[1])
    return result


def voc(path):
    z = open_zip(path)
    files = {}
    for name in z.namelist():
        if not name.startswith("Annotations/"):
            continue
        root = ET.fromstring(z.read(name))
        size = root.find("size")
        objects = []
        for obj in root.findall("object"):
            box = obj.find("bndbox")
            objects.append(
                {
                    "name": obj.findtext("name"),
                    "box": [float(box.findtext(k)) for k in ("xmin", "ymin", "xmax", "ymax")],
                }
            )
        files[name[len("Annotations/") : -len(".xml")]] = {
            "filename": root.findtext("filename"),
            "width": int(size.findtext("width")),
            "height": int(size.findtext("height")),
            "objects": objects,
        }
    return {"files": files}


def masks(path, points):
    from PIL import Image
    import numpy

    z = open_zip(path)
    classes = json.loads(z.read("classes.json"))
    files = {}
    for name in z.namelist():
        if not name.startswith("masks/"):
            continue
        stem = name[len("masks/") : -len(".png")]
        image = Image.open(io.BytesIO(z.read(name)))
        pixels = numpy.array(image)
        files[stem] = {
            "mode": image.mode,
            "size": list(image.size),
            "values": sorted(int(v) for v in numpy.unique(pixels)),
            "at": [int(image.getpixel((x, y))) for x, y in points.get(stem, [])],
            "counts": {str(int(v)): int((pixels == v).sum()) for v in numpy.unique(pixels)},
        }
    return {"classes": classes, "files": files}


def rle(path):
    from pycocotools import mask as maskUtils
    import numpy

    spec = json.load(open(path))
    counts = []
    for case in spec.get("counts", []):
        h, w = case["size"]
        r = maskUtils.frPyObjects({"size": [h, w], "counts": case["counts"]}, h, w)
        counts.append(
            {
                "string": r["counts"].decode(),
                "area": int(maskUtils.area(r)),
                "box": [float(v) for v in maskUtils.toBbox(r)],
            }
        )
    masks = []
    for case in spec.get("masks", []):
        h, w = case["size"]
        m = numpy.zeros((h, w), dtype=numpy.uint8, order="F")
        for x, y, bw, bh in case["set"]:
            m[y : y + bh, x : x + bw] = 1
        r = maskUtils.encode(numpy.asfortranarray(m))
        back = maskUtils.decode(r)
        assert (back == m).all(), "pycocotools does not read its own string back"
        masks.append({"string": r["counts"].decode(), "area": int(m.sum())})
    return {"counts": counts, "masks": masks}


def png(path):
    import base64
    from PIL import Image

    out = []
    for case in json.load(open(path)):
        w, h = case["size"]
        mode = case["mode"]
        image = Image.new(mode, (w, h), 0)
        if mode == "P":
            # Distinct colours, entry 0 black.
            image.putpalette([v for i in range(256) for v in (i, 255 - i, (i * 7) % 256)])
        value = tuple(case["value"]) if isinstance(case["value"], list) else case["value"]
        for x, y, bw, bh in case["set"]:
            image.paste(value, (x, y, x + bw, y + bh))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        out.append(base64.b64encode(buffer.getvalue()).decode())
    return out


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    points = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
    readers = {
        "coco": coco,
        "yolo": yolo,
        "voc": voc,
        "masks": lambda p: masks(p, points),
        "rle": rle,
        "png": png,
    }
    print(json.dumps(readers[fmt](path)))


if __name__ == "__main__":
    main()
