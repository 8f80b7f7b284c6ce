/**
 * Some URLs carry a credential in their path: the iCalendar feed's secret token (calendar
 * applications cannot log in). Request logs keep the URL for diagnosis, with the secret replaced.
 */
const SECRET_IN_PATH = /^(\/api\/calendar\/)[^/?#]*(\.ics)/;

export function redactUrl(url: string): string {
  return url.replace(SECRET_IN_PATH, "$1***$2");
}

/** Fastify's own request serializer, with the URL redacted (the rest as Fastify writes it). */
export function requestLogSerializer(req: { method: string; url: string; headers?: Record<string, unknown>; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    version: req.headers?.["accept-version"],
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
