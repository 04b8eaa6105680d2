import { readFile } from 'node:fs/promises';

/** What schema.prisma says the database must contain, read from the file itself. */
export interface ExpectedColumn {
  column: string;
  type: string;
  nullable: boolean;
}
export interface ExpectedTable {
  schema: string;
  table: string;
  columns: ExpectedColumn[];
}
export interface ExpectedEnum {
  schema: string;
  name: string;
  values: string[];
}

// Prisma scalar → PostgreSQL type as information_schema reports it; `@db.*` attributes override.
const scalarTypes: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
  Decimal: 'numeric(65,30)',
};
const nativeTypes: Record<string, string> = {
  Real: 'real',
  'Timestamptz(3)': 'timestamp(3) with time zone',
  Date: 'date',
  Text: 'text',
  Uuid: 'uuid',
};

function blocks(source: string, keyword: 'model' | 'enum') {
  const pattern = new RegExp(`^${keyword} (\\w+) \\{([\\s\\S]*?)^\\}`, 'gm');
  return [...source.matchAll(pattern)].map((match) => ({
    name: match[1] ?? '',
    body: match[2] ?? '',
  }));
}

const attribute = (body: string, name: string) =>
  new RegExp(`@@${name}\\("([^"]+)"\\)`).exec(body)?.[1];

export async function readExpectedSchema(
  path: string,
): Promise<{ tables: ExpectedTable[]; enums: ExpectedEnum[] }> {
  const source = (await readFile(path, 'utf8')).replace(/\/\/.*$/gm, '');
  const enums = blocks(source, 'enum').map(({ name, body }) => ({
    schema: attribute(body, 'schema') ?? 'public',
    name: attribute(body, 'map') ?? name,
    values: body
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^[A-Z_][A-Z0-9_]*$/.test(line)),
  }));
  const enumNames = new Map(
    blocks(source, 'enum').map(({ name, body }) => [name, attribute(body, 'map') ?? name]),
  );
  const modelNames = new Set(blocks(source, 'model').map(({ name }) => name));
  const tables = blocks(source, 'model').map(({ name, body }) => {
    const columns: ExpectedColumn[] = [];
    for (const line of body.split('\n').map((l) => l.trim())) {
      // `Unsupported("tsvector")?` names the column's PostgreSQL type itself.
      const field = /^(\w+)\s+(Unsupported\("[\w ]+"\)|\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (field === null || line.startsWith('@@')) continue;
      const [, fieldName = '', declared = '', list, optional, rest = ''] = field;
      const unsupported = /^Unsupported\("([\w ]+)"\)$/.exec(declared)?.[1];
      const type = unsupported ?? declared;
      if (modelNames.has(type)) continue; // relation field: no column
      const native = /@db\.(\w+(?:\(\d+\))?)/.exec(rest)?.[1];
      const base =
        unsupported ??
        (enumNames.has(type)
          ? (enumNames.get(type) ?? type)
          : native !== undefined
            ? nativeTypes[native]
            : scalarTypes[type]);
      if (base === undefined)
        throw new Error(`No mapping for ${name}.${fieldName}: ${type} ${native ?? ''}`);
      columns.push({
        column: /@map\("([^"]+)"\)/.exec(rest)?.[1] ?? fieldName,
        type: list === undefined ? base : `${base}[]`,
        // Prisma creates scalar-list columns without NOT NULL (it does so in its own migrations too).
        nullable: optional !== undefined || list !== undefined,
      });
    }
    return {
      schema: attribute(body, 'schema') ?? 'public',
      table: attribute(body, 'map') ?? name,
      columns,
    };
  });
  return { tables, enums };
}
