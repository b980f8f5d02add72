/**
 * CloudFormation's intrinsic functions, worked out where the template itself decides them, as
 * the CloudFormation User Guide's intrinsic function reference describes them: `Ref` to a
 * parameter with a `Default` or to a resource whose name the template sets, `AWS::NoValue`,
 * `Fn::Sub` over such values, `Fn::GetAtt` of a role's, bucket's or key's ARN, `Fn::Join`,
 * `Fn::Select`, `Fn::Split`, `Fn::FindInMap` and `Fn::If` on a condition the template decides.
 * Everything else (`Fn::ImportValue`, `AWS::AccountId`, a parameter without a default, an SSM
 * parameter...) is unknown: written `UNKNOWN_VALUE` (`domain/unknown.ts`), so no check judges it.
 *
 * A resolved value is a new tree with the offsets of what it was read from: a value worked out
 * from an intrinsic spans the intrinsic (`!Sub ...` as a whole) and is `derived` (no quick fix
 * edits it: the text there is not the value); literal values keep their own offsets.
 */
import type { Node } from 'jsonc-parser';
import { member, membersOf, stringValue } from '../json/document';
import { UNKNOWN_VALUE, hasUnknown } from '../domain/unknown';
import type { CloudFormationResource, CloudFormationTemplate } from './template';

type Tri = boolean | undefined;

/** What an intrinsic stands for, before it becomes nodes. */
type Resolved =
  | { kind: 'string'; text: string }
  | { kind: 'list'; items: string[] }
  /** A value of the template (a mapping's, a branch of `Fn::If`), resolved in turn. */
  | { kind: 'node'; node: Node }
  | { kind: 'unknown' }
  /** `AWS::NoValue`: the member or item is left out. */
  | { kind: 'none' };

const UNKNOWN: Resolved = { kind: 'unknown' };
const NONE: Resolved = { kind: 'none' };

/** Intrinsics nested deeper than this are unknown (a template cannot make resolution loop). */
const MAX_DEPTH = 24;

const derivedNodes = new WeakSet<Node>();

/** Whether a node's value was worked out from an intrinsic function: its text is not the value. */
export function isDerived(node: Node): boolean {
  return derivedNodes.has(node);
}

/** Whether an object is an intrinsic function (`{"Ref": ...}`, `{"Fn::Sub": ...}`): its name and argument. */
export function intrinsicOf(node: Node | undefined): { name: string; argument: Node } | undefined {
  if (!isIntrinsic(node)) return undefined;
  const pair = node!.children![0].children!;
  return { name: pair[0].value as string, argument: pair[1] };
}

/** `intrinsicOf` as a yes or no, which allocates nothing. */
function isIntrinsic(node: Node | undefined): boolean {
  if (node?.type !== 'object' || node.children?.length !== 1) return false;
  const pair = node.children[0].children;
  const key = pair?.[0];
  if (key?.type !== 'string' || !pair![1]) return false;
  const name = key.value as string;
  return name === 'Ref' || name.startsWith('Fn::');
}

/**
 * Whether a value holds an intrinsic function anywhere in it: one that holds none is its own
 * resolved value. Asked of every policy of a stack on its first validation: it allocates
 * nothing (no `intrinsicOf` answer, no iterator).
 */
export function holdsIntrinsic(node: Node): boolean {
  if (isIntrinsic(node)) return true;
  const children = node.children;
  if (children) for (let i = 0; i < children.length; i++) if (holdsIntrinsic(children[i])) return true;
  return false;
}

export class Resolver {
  private readonly parameters: Map<string, Node>;
  private readonly resources: Map<string, CloudFormationResource>;
  private readonly conditions: Map<string, Node>;
  private readonly mappings: Node | undefined;
  private readonly evaluating = new Set<string>();
  private readonly conditionCache = new Map<string, Tri>();

  constructor(template: CloudFormationTemplate) {
    const section = (name: string) => new Map([...membersOf(member(template.root, name))].map(([k, { value }]) => [k, value]));
    this.parameters = section('Parameters');
    this.conditions = section('Conditions');
    this.mappings = member(template.root, 'Mappings');
    this.resources = new Map(template.resources.map((r) => [r.logicalId, r]));
  }

  /**
   * The value of a node with its intrinsics worked out, as a new tree whose top has `parent`;
   * undefined when it is `AWS::NoValue` (or an `Fn::If` that decides on it).
   */
  resolve(node: Node, parent: Node | undefined, depth = 0): Node | undefined {
    const intrinsic = intrinsicOf(node);
    if (intrinsic) return this.materialise(this.intrinsic(intrinsic.name, intrinsic.argument, depth), node, parent, depth);
    switch (node.type) {
      case 'object': {
        const object: Node = { type: 'object', offset: node.offset, length: node.length, parent, children: [] };
        for (const property of node.children ?? []) {
          const key = property.children?.[0];
          const value = property.children?.[1];
          if (!key) continue;
          const copy: Node = {
            type: 'property',
            offset: property.offset,
            length: property.length,
            colonOffset: property.colonOffset,
            parent: object,
            children: [],
          };
          copy.children!.push({ ...key, parent: copy });
          if (value) {
            const resolved = this.resolve(value, copy, depth);
            if (!resolved) continue;
            copy.children!.push(resolved);
          }
          object.children!.push(copy);
        }
        return object;
      }
      case 'array': {
        const array: Node = { type: 'array', offset: node.offset, length: node.length, parent, children: [] };
        for (const item of node.children ?? []) {
          const resolved = this.resolve(item, array, depth);
          if (resolved) array.children!.push(resolved);
        }
        return array;
      }
      default:
        return { type: node.type, value: node.value as unknown, offset: node.offset, length: node.length, parent };
    }
  }

  /** The string a node stands for, when the template decides it wholly. */
  knownString(node: Node | undefined): string | undefined {
    if (!node) return undefined;
    const value = this.scalar(node, 0);
    return value === undefined || hasUnknown(value) ? undefined : value;
  }

  /** Whether a condition of the template holds, when the template decides it. */
  condition(name: string, depth = 0): Tri {
    if (this.conditionCache.has(name)) return this.conditionCache.get(name);
    const node = this.conditions.get(name);
    if (!node || this.evaluating.has(`condition:${name}`) || depth > MAX_DEPTH) return undefined;
    this.evaluating.add(`condition:${name}`);
    const value = this.conditionValue(node, depth + 1);
    this.evaluating.delete(`condition:${name}`);
    this.conditionCache.set(name, value);
    return value;
  }

  private conditionValue(node: Node, depth: number): Tri {
    if (depth > MAX_DEPTH || node.type !== 'object' || node.children?.length !== 1) return undefined;
    const [key, argument] = node.children[0].children ?? [];
    const name = stringValue(key);
    if (name === 'Condition') {
      const other = stringValue(argument);
      return other === undefined ? undefined : this.condition(other, depth + 1);
    }
    const items = argument?.type === 'array' ? (argument.children ?? []) : undefined;
    if (!items) return undefined;
    switch (name) {
      case 'Fn::Equals': {
        if (items.length !== 2) return undefined;
        const [a, b] = items.map((i) => this.scalar(i, depth + 1));
        if (a === undefined || b === undefined || hasUnknown(a) || hasUnknown(b)) return undefined;
        return a === b;
      }
      case 'Fn::Not': {
        if (items.length !== 1) return undefined;
        const value = this.conditionValue(items[0], depth + 1);
        return value === undefined ? undefined : !value;
      }
      case 'Fn::And': {
        let result: Tri = true;
        for (const item of items) {
          const value = this.conditionValue(item, depth + 1);
          if (value === false) return false;
          if (value === undefined) result = undefined;
        }
        return result;
      }
      case 'Fn::Or': {
        let result: Tri = false;
        for (const item of items) {
          const value = this.conditionValue(item, depth + 1);
          if (value === true) return true;
          if (value === undefined) result = undefined;
        }
        return result;
      }
      default:
        return undefined;
    }
  }

  /** A scalar's text (numbers and booleans as CloudFormation passes them on: as strings), unknown parts as `UNKNOWN_VALUE`. */
  private scalar(node: Node, depth: number): string | undefined {
    if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') return String(node.value);
    const intrinsic = intrinsicOf(node);
    if (!intrinsic) return undefined;
    const resolved = this.intrinsic(intrinsic.name, intrinsic.argument, depth + 1);
    switch (resolved.kind) {
      case 'string':
        return resolved.text;
      case 'node':
        return depth > MAX_DEPTH ? UNKNOWN_VALUE : (this.scalar(resolved.node, depth + 1) ?? UNKNOWN_VALUE);
      case 'unknown':
        return UNKNOWN_VALUE;
      default:
        return undefined;
    }
  }

  /** A list's strings, when the template decides how many there are. */
  private list(node: Node, depth: number): string[] | undefined {
    if (node.type === 'array') {
      const out: string[] = [];
      for (const item of node.children ?? []) {
        const intrinsic = intrinsicOf(item);
        const resolved = intrinsic ? this.intrinsic(intrinsic.name, intrinsic.argument, depth + 1) : undefined;
        if (resolved?.kind === 'none') continue;
        const value = this.scalar(item, depth + 1);
        if (value === undefined) return undefined;
        out.push(value);
      }
      return out;
    }
    const intrinsic = intrinsicOf(node);
    if (!intrinsic) return undefined;
    const resolved = this.intrinsic(intrinsic.name, intrinsic.argument, depth + 1);
    if (resolved.kind === 'list') return resolved.items;
    if (resolved.kind === 'node' && depth <= MAX_DEPTH) return this.list(resolved.node, depth + 1);
    return undefined;
  }

  private intrinsic(name: string, argument: Node, depth: number): Resolved {
    if (depth > MAX_DEPTH) return UNKNOWN;
    const items = argument.type === 'array' ? (argument.children ?? []) : undefined;
    switch (name) {
      case 'Ref': {
        const target = this.scalar(argument, depth);
        return target === undefined || hasUnknown(target) ? UNKNOWN : this.ref(target, depth);
      }
      case 'Fn::GetAtt': {
        const parts = items ? items.map((i) => this.scalar(i, depth)) : (stringValue(argument)?.split(/\.(.*)/s, 2) ?? []);
        const [logicalId, attribute] = parts;
        if (parts.length !== 2 || logicalId === undefined || attribute === undefined || hasUnknown(logicalId) || hasUnknown(attribute)) return UNKNOWN;
        return this.getAtt(logicalId, attribute, depth);
      }
      case 'Fn::Sub':
        return this.sub(items ? items[0] : argument, items?.[1], depth);
      case 'Fn::Join': {
        if (!items || items.length !== 2) return UNKNOWN;
        const delimiter = this.scalar(items[0], depth);
        const values = this.list(items[1], depth);
        return delimiter === undefined || hasUnknown(delimiter) || !values ? UNKNOWN : { kind: 'string', text: values.join(delimiter) };
      }
      case 'Fn::Select': {
        if (!items || items.length !== 2) return UNKNOWN;
        const index = this.scalar(items[0], depth);
        if (index === undefined || !/^\d+$/.test(index)) return UNKNOWN;
        const from = items[1];
        if (from.type === 'array') {
          const chosen = from.children?.[Number(index)];
          return chosen ? { kind: 'node', node: chosen } : UNKNOWN;
        }
        const values = this.list(from, depth);
        const chosen = values?.[Number(index)];
        return chosen === undefined ? UNKNOWN : { kind: 'string', text: chosen };
      }
      case 'Fn::Split': {
        if (!items || items.length !== 2) return UNKNOWN;
        const delimiter = this.scalar(items[0], depth);
        const source = this.scalar(items[1], depth);
        if (!delimiter || source === undefined || hasUnknown(delimiter) || hasUnknown(source)) return UNKNOWN;
        return { kind: 'list', items: source.split(delimiter) };
      }
      case 'Fn::If': {
        if (!items || items.length !== 3) return UNKNOWN;
        const condition = stringValue(items[0]);
        const holds = condition === undefined ? undefined : this.condition(condition, depth);
        if (holds === undefined) return UNKNOWN;
        const branch = holds ? items[1] : items[2];
        const inner = intrinsicOf(branch);
        return inner ? this.intrinsic(inner.name, inner.argument, depth + 1) : { kind: 'node', node: branch };
      }
      case 'Fn::FindInMap': {
        if (!items || items.length < 3) return UNKNOWN;
        const keys = items.slice(0, 3).map((i) => this.scalar(i, depth));
        if (keys.some((k) => k === undefined || hasUnknown(k))) return UNKNOWN;
        const found = member(member(member(this.mappings, keys[0]!), keys[1]!), keys[2]!);
        if (!found) return UNKNOWN;
        const inner = intrinsicOf(found);
        return inner ? this.intrinsic(inner.name, inner.argument, depth + 1) : { kind: 'node', node: found };
      }
      default:
        // Fn::ImportValue, Fn::Base64, Fn::Cidr, Fn::GetAZs, Fn::Transform...: decided at deployment, or of no use to the checks.
        return UNKNOWN;
    }
  }

  private ref(name: string, depth: number): Resolved {
    if (name === 'AWS::NoValue') return NONE;
    // AWS::AccountId, AWS::Region, AWS::Partition, AWS::StackName...: the stack's, decided at deployment.
    if (name.startsWith('AWS::')) return UNKNOWN;
    const parameter = this.parameters.get(name);
    if (parameter) return this.parameterValue(parameter, depth);
    const resource = this.resources.get(name);
    return resource ? this.physicalId(resource, depth) : UNKNOWN;
  }

  /** A parameter's `Default`; an SSM parameter's default is the name of the value, not the value. */
  private parameterValue(parameter: Node, depth: number): Resolved {
    const type = stringValue(member(parameter, 'Type')) ?? 'String';
    const fallback = member(parameter, 'Default');
    if (!fallback || type.startsWith('AWS::SSM::')) return UNKNOWN;
    const value = this.scalar(fallback, depth);
    if (value === undefined) return UNKNOWN;
    if (type === 'CommaDelimitedList' || type.startsWith('List<')) return { kind: 'list', items: value.split(',') };
    return { kind: 'string', text: value };
  }

  /** What `Ref` gives for a resource: the name of a bucket or role the template names, the ARN of a managed policy or workteam. */
  private physicalId(resource: CloudFormationResource, depth: number): Resolved {
    switch (resource.type) {
      case 'AWS::S3::Bucket':
      case 'AWS::IAM::Role': {
        const name = this.nameOf(resource, resource.type === 'AWS::S3::Bucket' ? 'BucketName' : 'RoleName', depth);
        return name === undefined ? UNKNOWN : { kind: 'string', text: name };
      }
      case 'AWS::IAM::ManagedPolicy':
        return {
          kind: 'string',
          text: `arn:${UNKNOWN_VALUE}:iam::${UNKNOWN_VALUE}:policy${this.pathOf(resource, depth)}${this.nameOf(resource, 'ManagedPolicyName', depth) ?? UNKNOWN_VALUE}`,
        };
      case 'AWS::SageMaker::Workteam':
        return { kind: 'string', text: this.workteamArn(resource, depth) };
      default:
        return UNKNOWN;
    }
  }

  private getAtt(logicalId: string, attribute: string, depth: number): Resolved {
    const resource = this.resources.get(logicalId);
    if (!resource) return UNKNOWN;
    const u = UNKNOWN_VALUE;
    switch (`${resource.type}.${attribute}`) {
      case 'AWS::IAM::Role.Arn':
        return { kind: 'string', text: `arn:${u}:iam::${u}:role${this.pathOf(resource, depth)}${this.nameOf(resource, 'RoleName', depth) ?? u}` };
      case 'AWS::S3::Bucket.Arn':
        return { kind: 'string', text: `arn:${u}:s3:::${this.nameOf(resource, 'BucketName', depth) ?? u}` };
      case 'AWS::KMS::Key.Arn':
        return { kind: 'string', text: `arn:${u}:kms:${u}:${u}:key/${u}` };
      case 'AWS::SageMaker::Workteam.WorkteamName': {
        const name = this.nameOf(resource, 'WorkteamName', depth);
        return name === undefined ? UNKNOWN : { kind: 'string', text: name };
      }
      default:
        return UNKNOWN;
    }
  }

  /** CloudFormation creates workteams of the private workforce. */
  private workteamArn(resource: CloudFormationResource, depth: number): string {
    const u = UNKNOWN_VALUE;
    return `arn:${u}:sagemaker:${u}:${u}:workteam/private-crowd/${this.nameOf(resource, 'WorkteamName', depth) ?? u}`;
  }

  /** A name property of a resource, when the template sets it (otherwise CloudFormation makes one up). */
  private nameOf(resource: CloudFormationResource, property: string, depth: number): string | undefined {
    const guard = `name:${resource.logicalId}`;
    if (this.evaluating.has(guard)) return undefined;
    this.evaluating.add(guard);
    try {
      const node = member(resource.properties, property);
      const value = node && this.scalar(node, depth + 1);
      return value === undefined || hasUnknown(value) ? undefined : value;
    } finally {
      this.evaluating.delete(guard);
    }
  }

  private pathOf(resource: CloudFormationResource, depth: number): string {
    const guard = `path:${resource.logicalId}`;
    if (this.evaluating.has(guard)) return `/${UNKNOWN_VALUE}/`;
    this.evaluating.add(guard);
    try {
      const node = member(resource.properties, 'Path');
      if (!node) return '/';
      return this.scalar(node, depth + 1) ?? `/${UNKNOWN_VALUE}/`;
    } finally {
      this.evaluating.delete(guard);
    }
  }

  /** `Fn::Sub`: `${Name}` and `${Resource.Attribute}` as `Ref` and `Fn::GetAtt` give them (or the variables given), `${!Text}` as `${Text}`. */
  private sub(template: Node | undefined, variables: Node | undefined, depth: number): Resolved {
    const text = template && stringValue(template);
    if (text === undefined) return UNKNOWN;
    const locals = membersOf(variables);
    let out = '';
    let at = 0;
    while (at < text.length) {
      const open = text.indexOf('${', at);
      if (open === -1) {
        out += text.slice(at);
        break;
      }
      out += text.slice(at, open);
      const close = text.indexOf('}', open + 2);
      if (close === -1) {
        out += text.slice(open);
        break;
      }
      const name = text.slice(open + 2, close);
      at = close + 1;
      if (name.startsWith('!')) {
        out += `\${${name.slice(1)}}`;
        continue;
      }
      out += this.subVariable(name.trim(), locals, depth);
    }
    return { kind: 'string', text: out };
  }

  private subVariable(name: string, locals: Map<string, { value: Node }>, depth: number): string {
    const local = locals.get(name);
    if (local) return this.scalar(local.value, depth + 1) ?? UNKNOWN_VALUE;
    const dot = name.indexOf('.');
    const resolved = dot === -1 || this.parameters.has(name) ? this.ref(name, depth + 1) : this.getAtt(name.slice(0, dot), name.slice(dot + 1), depth + 1);
    if (resolved.kind === 'string') return resolved.text;
    if (resolved.kind === 'node') return this.scalar(resolved.node, depth + 1) ?? UNKNOWN_VALUE;
    return UNKNOWN_VALUE;
  }

  /** An intrinsic's value as nodes spanning the intrinsic (`derived`), or the template's own nodes it chose. */
  private materialise(resolved: Resolved, at: Node, parent: Node | undefined, depth: number): Node | undefined {
    const derived = (node: Node): Node => {
      derivedNodes.add(node);
      return node;
    };
    const base = { offset: at.offset, length: at.length };
    switch (resolved.kind) {
      case 'none':
        return undefined;
      case 'string':
        return derived({ type: 'string', value: resolved.text, ...base, parent });
      case 'unknown':
        return derived({ type: 'string', value: UNKNOWN_VALUE, ...base, parent });
      case 'list': {
        const array = derived({ type: 'array', ...base, parent, children: [] });
        for (const item of resolved.items) array.children!.push(derived({ type: 'string', value: item, ...base, parent: array }));
        return array;
      }
      case 'node':
        return depth > MAX_DEPTH ? derived({ type: 'string', value: UNKNOWN_VALUE, ...base, parent }) : this.resolve(resolved.node, parent, depth + 1);
    }
  }
}
