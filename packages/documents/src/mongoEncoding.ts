/**
 * How JSON documents are stored in MongoDB. Documents here are arbitrary JSON — a raw source
 * payload may well contain `{ "$gt": "" }` or `[[lon, lat]]` — but FerretDB (the Mongo server on
 * these machines) refuses field names that start with `$` or contain `.`, and arrays directly
 * inside arrays; BSON cannot hold NUL in a field name (refused earlier, for every store).
 *
 * - Field names: `%` is the escape character. `%` becomes `%25`, `.` becomes `%2E`, a leading `$`
 *   becomes `%24`, and the empty name becomes `%`.
 * - An array inside an array is wrapped as `{ "%[]": [...] }`. No escaped field name can be `%[]`
 *   (a real `%` is always followed by `25`), so the wrapper is unambiguous.
 *
 * Documents without such names or arrays are stored unchanged, readable by other MongoDB tools.
 * The same encoding is used on MongoDB proper, so data moves between the two servers as is.
 */
const nestedArrayKey = '%[]';

export function encodeKey(key: string): string {
  if (key === '') return '%';
  const escaped = key.replaceAll('%', '%25').replaceAll('.', '%2E');
  return escaped.startsWith('$') ? `%24${escaped.slice(1)}` : escaped;
}

export function decodeKey(key: string): string {
  if (key === '%') return '';
  if (!key.includes('%')) return key;
  return key.replace(/%(25|2E|24)/g, (_, code: string) =>
    code === '25' ? '%' : code === '2E' ? '.' : '$',
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

export function encodeValue(value: unknown, insideArray = false): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => encodeValue(item, true));
    return insideArray ? { [nestedArrayKey]: items } : items;
  }
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [encodeKey(key), encodeValue(item)]),
    );
  }
  return value;
}

export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  // Only plain objects: BSON values such as ObjectId or Date (in documents written by other
  // tools) pass through untouched.
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    const [only] = entries;
    if (
      entries.length === 1 &&
      only !== undefined &&
      only[0] === nestedArrayKey &&
      Array.isArray(only[1])
    ) {
      return only[1].map(decodeValue);
    }
    return Object.fromEntries(entries.map(([key, item]) => [decodeKey(key), decodeValue(item)]));
  }
  return value;
}
