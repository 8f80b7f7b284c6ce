import type { Db } from "../platform/db.js";
import type { Mailer } from "../platform/mail.js";

/** What support use cases need: the database, the mailer (alerts, digests) and the public address for links. */
export type SupportDeps = { db: Db; mailer: Pick<Mailer, "enqueue">; publicUrl: string };
