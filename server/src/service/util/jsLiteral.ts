/**
 * Parses attribute values such as `['Cat', 'Dog']` or `{ text: 'None of the above' }`: crowd
 * elements accept JavaScript literals as well as JSON, so single quotes, unquoted keys and
 * trailing commas are fine. Returns the value or the first error; never throws.
 */
export type LiteralValue = string | number | boolean | null | undefined | LiteralValue[] | { [key: string]: LiteralValue };

export type LiteralResult = { ok: true; value: LiteralValue } | { ok: false; offset: number; message: string };

export function parseJsLiteral(source: string): LiteralResult {
  const p = new LiteralParser(source);
  try {
    p.space();
    const value = p.value();
    p.space();
    if (p.pos < source.length) p.fail(`Unexpected "${source[p.pos]}" after the value`);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof LiteralError) return { ok: false, offset: e.offset, message: e.message };
    throw e;
  }
}

class LiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

class LiteralParser {
  pos = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  fail(message: string): never {
    throw new LiteralError(message, this.pos);
  }

  space(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos])) this.pos++;
  }

  value(): LiteralValue {
    const c = this.s[this.pos];
    if (c === undefined) this.fail('Expected a value');
    if (c === '[' || c === '{') {
      // Attribute values are small; the limit only keeps hostile input from exhausting the stack.
      if (++this.depth > 200) this.fail('Nested too deeply');
      const v = c === '[' ? this.array() : this.object();
      this.depth--;
      return v;
    }
    if (c === '"' || c === "'") return this.string();
    const m = /^(?:-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|true|false|null|undefined)/.exec(this.s.slice(this.pos, this.pos + 64));
    if (!m) this.fail(`Unexpected "${c}"`);
    this.pos += m[0].length;
    switch (m[0]) {
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
        return null;
      case 'undefined':
        return undefined;
      default:
        return Number(m[0]);
    }
  }

  private array(): LiteralValue[] {
    const out: LiteralValue[] = [];
    this.pos++;
    for (;;) {
      this.space();
      if (this.s[this.pos] === ']') {
        this.pos++;
        return out;
      }
      out.push(this.value());
      this.space();
      if (this.s[this.pos] === ',') this.pos++;
      else if (this.s[this.pos] !== ']') this.fail(this.pos >= this.s.length ? 'Missing "]"' : `Expected "," or "]" but found "${this.s[this.pos]}"`);
    }
  }

  private object(): { [key: string]: LiteralValue } {
    const out: { [key: string]: LiteralValue } = {};
    this.pos++;
    for (;;) {
      this.space();
      if (this.s[this.pos] === '}') {
        this.pos++;
        return out;
      }
      const c = this.s[this.pos];
      let key: string;
      if (c === '"' || c === "'") key = this.string();
      else {
        const m = /^[A-Za-z_$][\w$]*|^\d+/.exec(this.s.slice(this.pos, this.pos + 256));
        if (!m) this.fail(this.pos >= this.s.length ? 'Missing "}"' : `Expected a property name but found "${c}"`);
        key = m[0];
        this.pos += key.length;
      }
      this.space();
      if (this.s[this.pos] !== ':') this.fail(`Expected ":" after "${key}"`);
      this.pos++;
      this.space();
      out[key] = this.value();
      this.space();
      if (this.s[this.pos] === ',') this.pos++;
      else if (this.s[this.pos] !== '}') this.fail(this.pos >= this.s.length ? 'Missing "}"' : `Expected "," or "}" but found "${this.s[this.pos]}"`);
    }
  }

  private string(): string {
    const quote = this.s[this.pos++];
    let out = '';
    while (this.pos < this.s.length) {
      const c = this.s[this.pos++];
      if (c === quote) return out;
      if (c === '\\') {
        const e = this.s[this.pos++];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
        if (e === 'u') {
          out += String.fromCharCode(parseInt(this.s.slice(this.pos, this.pos + 4), 16));
          this.pos += 4;
        } else out += simple[e] ?? e;
      } else out += c;
    }
    this.fail(`Missing closing ${quote}`);
  }
}
