import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ApiError } from '../../errors/problem.js';

/**
 * The little XML Alma's job calls need: the `run` parameters body
 * (`<job><parameters><parameter><name>…</name><value>…</value></parameter>…</parameters></job>`).
 * fast-xml-parser checks it is well formed and reads it. Before that we refuse what it would
 * otherwise accept quietly: a DOCTYPE (it expands the entities declared there), comments, CDATA and
 * processing instructions, and any entity but the five predefined ones and character references
 * (it keeps an unknown one as literal text). So no XXE and no entity expansion: nothing is ever
 * expanded except a single character. Size, depth and element count are bounded.
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

const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

/** Every `&` starts one of the five predefined entities or a character reference of an XML character. */
function checkEntities(text: string): void {
  for (const [whole, name = ''] of text.matchAll(/&([^;&\s<]{0,12});?/g)) {
    if (!whole.endsWith(';')) refuse('a bare "&" (write &amp;)');
    if (PREDEFINED.has(name)) continue;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
    const code = numeric ? parseInt(numeric[1] ?? numeric[2] ?? '', numeric[1] ? 16 : 10) : NaN;
    if (!Number.isFinite(code) || code > 0x10ffff || code < 0x9)
      refuse(`the entity &${name}; is not allowed`);
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  preserveOrder: true,
  parseTagValue: false, // values stay strings: the definition's argument schema converts them
  trimValues: false,
  processEntities: true,
  htmlEntities: true, // decodes character references (names are limited by checkEntities)
});

/** fast-xml-parser's ordered form: each node is `{tag: children}` or `{'#text': text}`. */
type OrderedNode = Record<string, unknown>;

/** Parses a small XML document into elements (attributes are ignored), refusing anything unusual. */
export function parseXml(body: string): XmlElement {
  if (body.length > MAX_PARAMETERS_XML) refuse(`longer than ${MAX_PARAMETERS_XML} characters`);
  let text = body.replace(/^\uFEFF/, '').trim();
  const declaration = /^<\?xml\s[^?<>]*\?>/.exec(text);
  if (declaration) text = text.slice(declaration[0].length).trim();
  if (/<[!?]/.test(text))
    refuse('DOCTYPE, entity declarations, comments, CDATA and processing instructions are not accepted');
  checkEntities(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) refuse(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  let elements = 0;
  const convert = (nodes: OrderedNode[], into: XmlElement, depth: number): void => {
    for (const node of nodes) {
      const [name, value] = Object.entries(node)[0] ?? [];
      if (name === undefined || name === ':@') continue;
      if (name === '#text') {
        into.text += String(value);
        continue;
      }
      if (++elements > MAX_ELEMENTS) refuse(`more than ${MAX_ELEMENTS} elements`);
      if (depth > MAX_DEPTH) refuse(`nested deeper than ${MAX_DEPTH} levels`);
      const element: XmlElement = { name, children: [], text: '' };
      into.children.push(element);
      convert(value as OrderedNode[], element, depth + 1);
    }
  };
  const document: XmlElement = { name: '#document', children: [], text: '' };
  let parsed: OrderedNode[];
  try {
    parsed = parser.parse(text) as OrderedNode[];
  } catch (error) {
    refuse(error instanceof Error ? error.message : 'unreadable'); // e.g. its own nesting limit
  }
  convert(parsed, document, 1);
  if (document.text.trim()) refuse('text outside the root element');
  if (document.children.length > 1) refuse('more than one root element');
  const root = document.children[0];
  if (!root) refuse('no root element');
  return root;
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
