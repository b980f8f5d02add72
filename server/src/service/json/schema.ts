/**
 * JSON schemas generated from the shapes, for vscode-json-languageservice's completion and hover
 * (never for validation: the checks report with their own codes). Descriptions come from
 * `docs.ts`. Under IAM conditions, the keys this domain explains have their docs and values here;
 * which keys to suggest depends on the statement's actions, which `features/iamConditions.ts` reads.
 */
import type { JSONSchema } from 'vscode-json-languageservice';
import { CONDITION_KEYS, familyOf } from '../domain/iam';
import { OPERATOR_AFFIXES, OPERATOR_DOCS, VALUE_EXAMPLES, memberDocs, valueDocs } from './docs';
import type { Limit } from './sagemakerFacts';
import { CONDITION_OPERATOR_BASES, Shape, StructureShape } from './shapes';
import { formatCount } from '../util/strings';

function limitText(limit: Limit | undefined, unit: string): string {
  if (!limit) return '';
  const { min, max } = limit;
  const range = min !== undefined && max !== undefined ? `${min}-${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
  return ` (${range.replace(/\d{4,}/g, (n) => formatCount(Number(n)))} ${unit})`;
}

function describe(schema: JSONSchema, docs: string | undefined, facts: string): JSONSchema {
  const text = [docs, facts].filter(Boolean).join('\n\n');
  return text ? { ...schema, markdownDescription: text } : schema;
}

export function schemaOf(shape: Shape, title: string): JSONSchema {
  return { ...toSchema(shape, undefined, undefined, new Set()), title };
}

function toSchema(shape: Shape, owner: string | undefined, name: string | undefined, required: Set<string>): JSONSchema {
  const docs = owner && name ? memberDocs(owner, name) : undefined;
  const requiredNote = name && required.has(name) ? `Required by ${owner}.` : '';
  switch (shape.type) {
    case 'structure':
      return describe(structureSchema(shape), docs ?? (name ? memberDocs(shape.name, shape.name) : undefined), requiredNote);
    case 'list': {
      const items = toSchema(shape.member, owner, name, new Set());
      delete items.markdownDescription;
      const facts = [requiredNote, shape.limit ? `A list${limitText(shape.limit, 'items')}.` : ''].filter(Boolean).join(' ');
      return describe({ type: 'array', items, minItems: shape.limit?.min, maxItems: shape.limit?.max }, docs, facts);
    }
    case 'map':
      return describe({ type: 'object', additionalProperties: toSchema(shape.value, undefined, undefined, new Set()) }, docs, requiredNote);
    case 'string': {
      const schema: JSONSchema = { type: 'string' };
      if (shape.enum) {
        schema.enum = [...shape.enum.values];
        const values = owner && name ? valueDocs(owner, name) : undefined;
        if (values) schema.markdownEnumDescriptions = shape.enum.values.map((v) => values[v] ?? '');
      }
      const examples = name ? VALUE_EXAMPLES[name] : undefined;
      if (examples && !shape.enum) schema.examples = [...examples];
      if (shape.limit) {
        schema.minLength = shape.limit.min;
        schema.maxLength = shape.limit.max;
      }
      const facts = [
        requiredNote,
        shape.json ? 'A JSON document serialised as a string.' : '',
        shape.limit ? `A string${limitText(shape.limit, 'characters')}.` : '',
      ]
        .filter(Boolean)
        .join(' ');
      return describe(schema, docs, facts);
    }
    case 'number':
      return describe(
        { type: 'number', minimum: shape.limit?.min, maximum: shape.limit?.max },
        docs,
        [requiredNote, shape.limit ? `A number${limitText(shape.limit, '')}.`.replace(' )', ')') : ''].filter(Boolean).join(' '),
      );
    case 'boolean':
      return describe({ type: 'boolean' }, docs, requiredNote);
    case 'timestamp':
      return describe({ type: ['string', 'number'] }, docs, requiredNote);
    case 'oneOf':
      return describe(merge(shape.options.map((o) => toSchema(o, owner, name, new Set()))), docs, requiredNote);
    case 'any':
      return describe({}, docs, requiredNote);
  }
}

/**
 * One schema for alternatives of different JSON types (IAM's "a string or a list"): `items`
 * apply to arrays, `properties` to objects, `enum` and `examples` to the string. Not `anyOf`:
 * vscode-json-languageservice validates every alternative of an `anyOf` over its whole subtree,
 * not only around the cursor, which on a large policy costs a full pass per request.
 */
function merge(options: JSONSchema[]): JSONSchema {
  const types = options.flatMap((o) => (Array.isArray(o.type) ? o.type : o.type ? [o.type] : []));
  // Strings first: completing the member inserts `""`, and the string's values are proposed first.
  const ordered = [...options].sort((a, b) => Number(b.type === 'string') - Number(a.type === 'string'));
  const merged: JSONSchema = {};
  for (const option of [...ordered].reverse()) Object.assign(merged, option);
  delete merged.markdownDescription;
  merged.type = [...new Set(ordered.flatMap((o) => (Array.isArray(o.type) ? o.type : o.type ? [o.type] : [])))];
  // Completion offers an empty list for the list form.
  if (types.includes('array') && merged.default === undefined) merged.default = [];
  return merged;
}

function structureSchema(shape: StructureShape): JSONSchema {
  const required = new Set(shape.required);
  const properties: Record<string, JSONSchema> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    properties[name] = name === 'Condition' && shape.name === 'Statement' ? conditionSchema() : toSchema(member, shape.name, name, required);
  }
  return { type: 'object', properties, required: shape.required.length ? shape.required : undefined };
}

// IAM conditions ------------------------------------------------------------------------------

function keySchema(key: (typeof CONDITION_KEYS)[number], nullOperator: boolean): JSONSchema {
  const value: JSONSchema = nullOperator
    ? { type: ['string', 'boolean'], enum: ['true', 'false', true, false] }
    : key.values
      ? { type: 'string', enum: [...key.values] }
      : { type: 'string' };
  // Suggested by features/iamConditions.ts, with the keys of the statement's actions.
  return { ...merge([value, { type: 'array', items: value }]), markdownDescription: key.docs, doNotSuggest: true };
}

/** The keys under an operator: one object for `Null`, one for every other operator. */
const keysByOperator = new Map<boolean, Record<string, JSONSchema>>();

function operatorSchema(operator: (typeof CONDITION_OPERATOR_BASES)[number]): JSONSchema {
  const nullOperator = operator === 'Null';
  let properties = keysByOperator.get(nullOperator);
  if (!properties) {
    properties = Object.fromEntries(CONDITION_KEYS.map((k) => [k.key, keySchema(k, nullOperator)]));
    keysByOperator.set(nullOperator, properties);
  }
  return { type: 'object', properties, markdownDescription: `**${operator}**: ${OPERATOR_DOCS[familyOf(operator)]}\n\n${OPERATOR_AFFIXES}` };
}

let condition: JSONSchema | undefined;

function conditionSchema(): JSONSchema {
  if (condition) return condition;
  const properties: Record<string, JSONSchema> = {};
  const patternProperties: Record<string, JSONSchema> = {};
  for (const base of CONDITION_OPERATOR_BASES) {
    properties[base] = operatorSchema(base);
    // The prefixed and IfExists forms, for hover and key completion under them.
    patternProperties[`^(ForAnyValue:|ForAllValues:)?${base}${base === 'Null' ? '' : '(IfExists)?'}$`] = properties[base];
  }
  condition = { type: 'object', properties, patternProperties, markdownDescription: memberDocs('Statement', 'Condition') };
  return condition;
}
