/**
 * What of wrangler's output a developer starting Doorstep needs to see: errors, the worker's own logs
 * and requests. The rest is noise on every start — the banner, the bindings table, the offline
 * `Request.cf` warning with its `ENOTFOUND workers.cloudflare.com` stack trace, the cron hint (the
 * Doorstep banner gives the command), the health polls of the start-up — and is filtered out.
 */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const NOISE = [
  /^\s*$/,
  /⛅️ wrangler/,
  /^─+$/,
  /^Using (secrets|vars) defined in/,
  /^Your Worker has access to the following bindings/,
  /^Binding\s+Resource\s+Mode/,
  /^env\.\w+ /,
  /Unable to fetch the `Request\.cf` object/,
  /Scheduled Workers are not automatically triggered/,
  /^To manually trigger a scheduled event/,
  /cdn-cgi\/local\/scheduled/,
  /^For more details, see/,
  /^⎔ /,
  /^\[wrangler:info\] Ready on /,
  /\bGET \/health 200\b/,
];

/** A stack trace of the offline `Request.cf` lookup: its error line and its `at …` frames. */
const OFFLINE_ERROR = /ENOTFOUND workers\.cloudflare\.com/;
const FRAME = /^\s+at /;

/** A line filter that remembers whether it is inside a dropped stack trace. */
export function wranglerNoiseFilter(): (line: string) => boolean {
  let inOfflineTrace = false;
  return (raw) => {
    const line = raw.replace(ANSI, '').trimEnd();
    if (inOfflineTrace && FRAME.test(line)) return false;
    inOfflineTrace = OFFLINE_ERROR.test(line);
    if (inOfflineTrace) return false;
    return !NOISE.some((pattern) => pattern.test(line.trim()) || pattern.test(line));
  };
}

/** `wrangler d1 migrations apply` output → the names of the migrations it applied (none when up to date). */
export function appliedMigrations(output: string): string[] {
  // wrangler lists them twice: to be applied, then with their status.
  const names = [...output.replace(ANSI, '').matchAll(/│\s*(\d{4}_[\w-]+\.sql)\s*│/g)].map(
    (m) => m[1] as string,
  );
  return [...new Set(names)];
}
