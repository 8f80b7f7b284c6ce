import path from "node:path";
import { z } from "zod";
import type { DatabasePoolSettings } from "./db.js";

/** Environment, validated once at boot: a wrong value stops the start with a clear message. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_OWNER_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  DATABASE_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  TANDEM_DATA_DIR: z.string().default("./data"),
  // Uploaded lists wait here for their check: several instances must share it (the check runs on any of them).
  TANDEM_UPLOAD_DIR: z.string().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Tandem <no-reply@tandem.local>"),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_DELAY_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_RATE_PER_IP: z.coerce.number().int().positive().default(30),
  LOGIN_CHECKS_PER_ACCOUNT: z.coerce.number().int().positive().default(20),
  CSRF_SECRET: z.string().refine((s) => s === "" || s.length >= 32, "CSRF_SECRET doit contenir au moins 32 caractères.").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  CONVENTION_ALERT_DAYS: z.coerce.number().int().min(0).max(365).default(30),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  /** The role that owns the schema and runs the migrations; DATABASE_URL is then the app's least-privilege role. */
  databaseOwnerUrl?: string;
  /** Size and time limits of the connections to the PostgreSQL server (not used by the embedded database). */
  databasePool: DatabasePoolSettings;
  dataDir: string;
  /** Where uploaded files wait for their background check: a volume shared by every instance. */
  uploadDir: string;
  production: boolean;
  smtpUrl?: string;
  mailFrom: string;
  publicUrl: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Consecutive failures allowed from one IP on one address before each further try is delayed. */
  loginMaxFailures: number;
  /** The cap of that growing delay. */
  loginMaxDelayMinutes: number;
  /** Login requests a minute from one IP, whatever cookie they carry. */
  loginRatePerIp: number;
  /** Password checks a minute for one address, from all IPs together. */
  loginChecksPerAccount: number;
  /** Key of the CSRF tokens (HMAC of the session); unset: generated once and kept in the database. */
  csrfSecret?: string;
  logLevel: string;
  trustProxy: boolean;
  /** How many days before a convention's deadline its parties are alerted. */
  conventionAlertDays: number;
  /** HTTPS in front: cookies become Secure and HSTS is sent. */
  secureCookies: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    databasePool: {
      max: e.DATABASE_POOL_MAX,
      connectionTimeoutMs: e.DATABASE_CONNECTION_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    dataDir: path.resolve(e.TANDEM_DATA_DIR),
    uploadDir: path.resolve(e.TANDEM_UPLOAD_DIR ?? path.join(e.TANDEM_DATA_DIR, "uploads")),
    production: e.NODE_ENV === "production",
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    publicUrl,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginMaxDelayMinutes: e.LOGIN_MAX_DELAY_MINUTES,
    loginRatePerIp: e.LOGIN_RATE_PER_IP,
    loginChecksPerAccount: e.LOGIN_CHECKS_PER_ACCOUNT,
    csrfSecret: e.CSRF_SECRET || undefined,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === "true",
    conventionAlertDays: e.CONVENTION_ALERT_DAYS,
    secureCookies: publicUrl.startsWith("https://"),
  };
}
