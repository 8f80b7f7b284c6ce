import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { listErrors } from "./listErrors.js";

/**
 * An uploaded list goes to disk as it arrives, never whole in memory, and no further than the size
 * bound: the declared length is refused before a byte is read, the counted bytes stop the copy.
 * The file waits there for its check and its confirmation (deleted then, or on cancel).
 */
export const listUploadLimits = { maxBytes: 200 * 1024 * 1024 };
/** The lists' folder inside the configured upload folder (config.uploadDir, shared by every instance). */
export const listUploadDir = (uploadDir: string) => path.join(uploadDir, "lists");

export type SavedUpload = { path: string; bytes: number };

export async function saveUpload(stream: Readable, declaredLength: number | null, uploadDir: string): Promise<SavedUpload> {
  const max = listUploadLimits.maxBytes;
  const tooLarge = () => listErrors.fileTooLarge(Math.round(max / 1024 / 1024));
  if (declaredLength !== null && declaredLength > max) {
    stream.resume();
    throw tooLarge();
  }
  const dir = listUploadDir(uploadDir);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, randomUUID());
  let bytes = 0;
  try {
    await pipeline(
      stream,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          if (bytes > max) throw tooLarge();
          yield chunk;
        }
      },
      fs.createWriteStream(file, { mode: 0o600 }),
    );
  } catch (e) {
    await removeUpload(file);
    throw e;
  }
  if (bytes === 0) {
    await removeUpload(file);
    throw listErrors.emptyFile();
  }
  return { path: file, bytes };
}

export const removeUpload = (file: string | null) => (file ? fs.promises.rm(file, { force: true }) : Promise.resolve());
