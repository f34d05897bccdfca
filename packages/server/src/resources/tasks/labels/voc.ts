import { labelBox, type LabeledImage } from './convention.js';
import type { LabelWriting } from './read.js';
import { ImageStems, zipFile, type ZipEntry } from './zip.js';

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]!};`);

/**
 * One image's Pascal VOC annotation: its file, size and one `<object>` per label, whose
 * `<bndbox>` is the label's bounding box in pixels as given (xmin = x, xmax = x + width; not moved
 * to VOC's historical 1-based pixels).
 */
export function vocXml(image: LabeledImage, classes: readonly string[]): string {
  const file = image.file.replace(/[?#].*$/, '');
  const objects = image.labels.map((label) => {
    const [x, y, w, h] = labelBox(label);
    return `  <object>
    <name>${escapeXml(classes[label.classIndex]!)}</name>
    <pose>Unspecified</pose>
    <truncated>0</truncated>
    <difficult>0</difficult>
    <bndbox>
      <xmin>${x}</xmin>
      <ymin>${y}</ymin>
      <xmax>${x + w}</xmax>
      <ymax>${y + h}</ymax>
    </bndbox>
  </object>
`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<annotation>
  <folder>images</folder>
  <filename>${escapeXml(file.slice(file.lastIndexOf('/') + 1))}</filename>
  <path>${escapeXml(image.file)}</path>
  <source><database>Batchyard</database><task>${escapeXml(image.taskId)}</task></source>
  <size>
    <width>${image.width}</width>
    <height>${image.height}</height>
    <depth>3</depth>
  </size>
  <segmented>0</segmented>
${objects.join('')}</annotation>
`;
}

/** Pascal VOC: a zip of `Annotations/<image stem>.xml`, one per image. */
export function vocZip(images: AsyncIterable<LabeledImage[]>, writing: LabelWriting): AsyncIterable<Buffer> {
  const { classes, now, tally } = writing;
  const stems = new ImageStems();
  async function* entries(): AsyncGenerator<ZipEntry> {
    yield { name: 'labelmap.txt', data: Buffer.from(classes.map((c) => `${c}\n`).join('')) };
    for await (const page of images)
      for (const image of page) {
        tally.keypointsLeftOut += image.labels.filter((l) => l.keypoints).length;
        yield {
          name: `Annotations/${stems.stem(image.file, image.taskId)}.xml`,
          data: Buffer.from(vocXml(image, classes)),
        };
      }
  }
  return zipFile(entries(), now);
}
