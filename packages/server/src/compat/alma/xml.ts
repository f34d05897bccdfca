import { ApiError } from '../../errors/problem.js';

/**
 * The little XML Alma's job calls need. The only XML read is the `run` parameters body
 * (`<job><parameters><parameter><name>…</name><value>…</value></parameter>…</parameters></job>`),
 * read by a strict tokenizer: no DOCTYPE, no entity declarations, no comments, CDATA or processing
 * instructions (beyond the XML declaration), only the five predefined entities and character
 * references, bounded size, depth and element count. So no XXE and no entity expansion, by
 * construction: nothing is ever expanded except a single character.
 */
export const MAX_PARAMETERS_XML = 64 * 1024;
const MAX_DEPTH = 16;
const MAX_ELEMENTS = 2000;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

function refuse(message: string): never {
  throw new ApiError('validation_failed', `The job parameters XML was refused: ${message}.`, {
    errors: [{ in: 'body', pointer: '', message }],
  });
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(raw: string): string {
  return raw.replace(/&([^;&\s]{0,12});?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) refuse('a bare "&" (write &amp;)');
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) return predefined;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
    const code = numeric ? parseInt(numeric[1] ?? numeric[2] ?? '', numeric[1] ? 16 : 10) : NaN;
    if (!Number.isFinite(code) || code > 0x10ffff || code < 0x9)
      refuse(`the entity &${name}; is not allowed`);
    return String.fromCodePoint(code);
  });
}

/** Parses a small XML document into elements (attributes are ignored), refusing anything unusual. */
export function parseXml(body: string): XmlElement {
  if (body.length > MAX_PARAMETERS_XML) refuse(`longer than ${MAX_PARAMETERS_XML} characters`);
  let text = body.replace(/^\uFEFF/, '').trim();
  const declaration = /^<\?xml\s[^?<>]*\?>/.exec(text);
  if (declaration) text = text.slice(declaration[0].length).trim();
  if (/<[!?]/.test(text))
    refuse('DOCTYPE, entity declarations, comments, CDATA and processing instructions are not accepted');
  const token =
    /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/gy;
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  let elements = 0;
  let match: RegExpExecArray | null;
  // Every position matches one alternative (a stray "<" last), so the loop reads the whole text.
  while ((match = token.exec(text))) {
    const [, closing, name, , selfClosing, chars, stray] = match;
    const top = stack[stack.length - 1]!;
    if (stray) refuse('a malformed tag');
    if (chars !== undefined) {
      if (top === root) {
        if (chars.trim()) refuse('text outside the root element');
        continue;
      }
      top.text += decodeText(chars);
      continue;
    }
    if (closing) {
      if (top.name !== name || top === root) refuse(`</${name}> does not close <${top.name}>`);
      stack.pop();
      continue;
    }
    if (top === root && root.children.length > 0) refuse('more than one root element');
    if (++elements > MAX_ELEMENTS) refuse(`more than ${MAX_ELEMENTS} elements`);
    const element: XmlElement = { name: name!, children: [], text: '' };
    top.children.push(element);
    if (!selfClosing) {
      if (stack.length > MAX_DEPTH) refuse(`nested deeper than ${MAX_DEPTH} levels`);
      stack.push(element);
    }
  }
  if (stack.length !== 1) refuse(`<${stack[stack.length - 1]!.name}> is not closed`);
  const document = root.children[0];
  if (!document) refuse('no root element');
  return document;
}

/**
 * The run's parameters: each `<parameter>`'s name and value as strings, in order. An empty body is
 * Alma's default `<job/>`. A repeated name is refused rather than one value silently winning.
 */
export function parseJobParameters(body: string): Map<string, string> {
  const parameters = new Map<string, string>();
  if (body.trim() === '') return parameters;
  const job = parseXml(body);
  if (job.name !== 'job') refuse(`the root element is <${job.name}>, not <job>`);
  for (const list of job.children.filter((c) => c.name === 'parameters')) {
    for (const parameter of list.children) {
      if (parameter.name !== 'parameter') refuse(`<parameters> holds <${parameter.name}>, not <parameter>`);
      const names = parameter.children.filter((c) => c.name === 'name');
      const values = parameter.children.filter((c) => c.name === 'value');
      if (names.length !== 1 || values.length > 1)
        refuse('each <parameter> needs one <name> and at most one <value>');
      const name = names[0]!.text.trim();
      if (!name) refuse('a <parameter> has an empty <name>');
      if (parameters.has(name)) refuse(`the parameter "${name}" is given twice`);
      parameters.set(name, values[0]?.text ?? '');
    }
  }
  return parameters;
}
