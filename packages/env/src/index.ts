import { z } from 'zod';
// The light entry point: the package's main one loads graphql-js, which env does not need.
import { UserError } from '@marquee/errors/user';
import { defaultSubgraphUrl, type SubgraphName } from './subgraphs.ts';

export { defaultSubgraphPorts, defaultSubgraphUrl, subgraphNames } from './subgraphs.ts';
export type { SubgraphName } from './subgraphs.ts';

/**
 * Every environment variable Marquee reads, parsed once and typed. Nothing else reads
 * `process.env`, so a missing or malformed setting fails at start, naming the variable. Keep
 * `.env.example` and the README table in step with this file.
 */
const port = z.coerce.number().int().min(0).max(65_535);
const url = z.url();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** PostgreSQL; unset = embedded PGlite under MARQUEE_DATA_DIR. */
  DATABASE_URL: url.optional(),
  /** MongoDB; unset = documents stored as JSONB in the relational database. */
  MONGO_URL: url.optional(),
  /** Redis; unset = in-process cache, pub/sub and rate limits (single process only). */
  REDIS_URL: url.optional(),
  /** Prefix of every Redis key and channel, so several deployments can share one Redis. */
  REDIS_PREFIX: z.string().min(1).default('marquee:'),
  MARQUEE_DATA_DIR: z.string().min(1).default('./.marquee'),
  /** Address the servers bind to. Containers need 0.0.0.0. */
  MARQUEE_HOST: z.string().min(1).default('127.0.0.1'),
  ROUTER_PORT: port.default(4000),
  MOVIES_URL: url.default(defaultSubgraphUrl('movies')),
  PEOPLE_URL: url.default(defaultSubgraphUrl('people')),
  USERS_URL: url.default(defaultSubgraphUrl('users')),
  REVIEWS_URL: url.default(defaultSubgraphUrl('reviews')),
  RECOMMENDATIONS_URL: url.default(defaultSubgraphUrl('recommendations')),
  /** PASERK k4.secret / k4.public; unset in embedded mode = a pair generated into the data dir. */
  TOKEN_SECRET_KEY: z.string().startsWith('k4.secret.').optional(),
  TOKEN_PUBLIC_KEY: z.string().startsWith('k4.public.').optional(),
  TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
  /** How long a refresh token (single use, stored hashed in the users database) stays valid. */
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(2_592_000),
  /** Requests per minute per signed-in user at the router. */
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Requests per minute per client IP for anonymous requests at the router. */
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().positive().default(300),
  /** Sign-ups, log-ins and token refreshes per minute per client IP, each root field counted (aliases too). */
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Other mutation root fields per minute per signed-in user (per client IP without a token). */
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** The router is behind a proxy that sets X-Forwarded-For; only then is that header trusted. */
  TRUST_PROXY: z.stringbool().default(false),
  /** Largest estimated operation cost the router plans (list fields multiply by their page size). */
  MAX_QUERY_COST: z.coerce.number().int().positive().default(20_000),
  /** Open subscriptions per signed-in user on one router (each router counts its own). */
  MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().positive().default(10),
  /** Events waiting for one slow subscriber before the router closes its connection (code 4008). */
  SUBSCRIPTION_BUFFER_EVENTS: z.coerce.number().int().positive().default(100),
  /** Deepest operation the router plans. */
  MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(12),
  /** Aliased fields per operation (fragments expanded) the router accepts. */
  MAX_QUERY_ALIASES: z.coerce.number().int().positive().default(30),
  /** Lexical tokens per GraphQL document; the router stops parsing beyond it. */
  MAX_QUERY_TOKENS: z.coerce.number().int().positive().default(4000),
  /** HMAC key the router signs forwarded identity with; subgraphs accept identity only when it verifies. */
  INTERNAL_IDENTITY_SECRET: z.string().min(32).optional(),
  /** Seed the demo catalogue into an empty database on start. */
  MARQUEE_SEED_DEMO: z.stringbool().default(true),
  /** Longest the router waits for one subgraph fetch (response included) before the fields it was to provide are null with UPSTREAM_UNAVAILABLE. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** Failed subgraph fetches in a row after which the router stops calling that subgraph (circuit open). */
  SUBGRAPH_CIRCUIT_FAILURES: z.coerce.number().int().positive().default(5),
  /** How long an open circuit answers at once before one probe request goes through. */
  SUBGRAPH_CIRCUIT_OPEN_MS: z.coerce.number().int().positive().default(5_000),
  /** Longest one Redis command may take; while Redis is unreachable commands fail at once. */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().positive().default(500),
  /** MongoDB server selection and connect timeout (socket timeout: ten times this). */
  MONGO_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /** Time between background dependency checks behind /health (each check times out after min(this, 1 s)). */
  HEALTH_CHECK_INTERVAL_MS: z.coerce.number().int().positive().default(2_000),
  /** Seconds between scheduled recommendation training runs in each recommendations process (0 = off). */
  TRAIN_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(3600),
  /**
   * On SIGTERM/SIGINT, how long requests already in flight may run before their connections are
   * cut. Below Kubernetes' default 30 s termination grace, so the drain ends before SIGKILL.
   */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(25),
  /**
   * Browser origins (`scheme://host[:port]`, comma-separated) allowed to call the router from
   * another origin; `none` for none. Default: none in production, the Vite dev and preview ports
   * on localhost otherwise.
   */
  CORS_ORIGINS: z
    .string()
    .transform((value, context) => {
      const origins = value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== '' && origin !== 'none');
      for (const origin of origins) {
        if (!isOrigin(origin)) {
          context.addIssue({
            code: 'custom',
            message: `"${origin}" is not an origin (expected scheme://host[:port] with no path, e.g. https://app.example.com)`,
          });
        }
      }
      return origins;
    })
    .optional(),
  /**
   * The folder of static files the router serves at `/` (the web app); `none` serves nothing.
   * Default: the built web app (apps/web/dist) when it exists.
   */
  WEB_APP_DIR: z.string().min(1).optional(),
  /**
   * The router's explorers: Apollo Sandbox at /graphql and GraphiQL at /explorer, with schema
   * introspection they need. Default: on outside production, off in production.
   */
  EXPLORER_ENABLED: z.stringbool().optional(),
  /**
   * Share of successful operations that get an access log line (0 to 1); failed ones always do.
   * 1 logs every operation; lower it when the log volume costs more than the lines are worth.
   */
  ACCESS_LOG_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(1),
  /**
   * OTLP/HTTP collector (`http://collector:4318`): traces are sent to `<it>/v1/traces` as
   * protobuf. Unset = tracing off: the OpenTelemetry SDK is not even loaded.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  /** OTLP/HTTP encoding of the traces sent there. */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/protobuf', 'http/json']).default('http/protobuf'),
  /** When set, `/metrics` answers only `Authorization: Bearer <it>` (the router's port is public). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /**
   * Persisted queries at the router: `apq` (automatic persisted queries, shared by every router
   * through Redis, plus the web app's manifest pre-registered), `safelist` (only operations in
   * the manifest run), `off`.
   */
  PERSISTED_QUERIES: z.enum(['off', 'apq', 'safelist']).default('apq'),
  /** The persisted-query manifest (hash → document). Default: the web app's, generated by its codegen. */
  PERSISTED_QUERIES_MANIFEST: z.string().min(1).optional(),
  /**
   * The router's entity cache (docs/caching.md): catalogue entities (films, people, rating
   * summaries) fetched from the subgraphs are kept in Redis (in process without REDIS_URL) for at
   * most this many seconds, and for no longer than the subgraph's cache hint allows; ratings and
   * ingestion runs invalidate them. 0 (the default) turns it off.
   */
  ENTITY_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(0),
});

/** Vite's dev server (5173) and `vite preview` (4173) on this machine. */
export const DEVELOPMENT_CORS_ORIGINS: readonly string[] = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:4173',
  'http://127.0.0.1:4173',
];

function isOrigin(value: string): boolean {
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === value;
  } catch {
    return false;
  }
}

type ParsedEnv = z.infer<typeof envSchema>;
export type Env = Omit<ParsedEnv, 'CORS_ORIGINS' | 'EXPLORER_ENABLED'> & {
  CORS_ORIGINS: readonly string[];
  EXPLORER_ENABLED: boolean;
};

/** A variable is missing, malformed or inconsistent: the message names it and the fix. */
export class EnvError extends UserError {
  override name = 'EnvError';
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "unset", as in most .env files and compose interpolation.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    // One line, however many variables are wrong: the CLI prints it as the whole report.
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new EnvError(
      `Invalid environment: ${problems.join('; ')} (fix the variable or unset it; see .env.example)`,
    );
  }
  const production = parsed.data.NODE_ENV === 'production';
  const env: Env = {
    ...parsed.data,
    CORS_ORIGINS: parsed.data.CORS_ORIGINS ?? (production ? [] : DEVELOPMENT_CORS_ORIGINS),
    EXPLORER_ENABLED: parsed.data.EXPLORER_ENABLED ?? !production,
  };
  // The router only verifies tokens, so it may hold the public key alone; a secret key without
  // its public half is always a mistake.
  if (env.TOKEN_SECRET_KEY !== undefined && env.TOKEN_PUBLIC_KEY === undefined) {
    throw new EnvError(
      'TOKEN_SECRET_KEY is set without TOKEN_PUBLIC_KEY (generate a pair with `npx marquee keys`).',
    );
  }
  return env;
}

export function subgraphUrl(env: Env, name: SubgraphName): string {
  const urls: Record<SubgraphName, string> = {
    movies: env.MOVIES_URL,
    people: env.PEOPLE_URL,
    users: env.USERS_URL,
    reviews: env.REVIEWS_URL,
    recommendations: env.RECOMMENDATIONS_URL,
  };
  return urls[name];
}

/** The variable that holds a subgraph's URL (and so the port it listens on), to name in messages. */
export function subgraphUrlVariable(name: SubgraphName): string {
  return `${name.toUpperCase()}_URL`;
}

/** A subgraph listens on the port of its own URL, so the router and the subgraph never disagree. */
export function subgraphPort(env: Env, name: SubgraphName): number {
  return Number(new URL(subgraphUrl(env, name)).port);
}
