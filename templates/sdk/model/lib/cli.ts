// Command-line arguments, and turning any failure into one line that says what to do.
import { parseArgs } from "node:util";

export const USAGE = `Usage: npm run apply -- --app <appId> [--branch main] [--mpk <Module>.mpk | --commit "message"] [--dry-run]

  --app      the App ID (Developer Portal > your app > Settings > General)
  --branch   the Team Server branch to start from (default: main)
  --mpk      where to write the module package (default: <Module>.mpk here)
  --commit   commit the module to the branch with this message instead of exporting a package
  --dry-run  print every element the script would create; needs no token and no network

The personal access token is read from MENDIX_TOKEN.`;

/** Exit code for a problem the user can fix before anything was changed. */
export const EXIT_PRECONDITION = 2;

export class UsageError extends Error {}

export type Options =
  | { dryRun: true }
  | { dryRun: false; app: string; branch: string; output: { kind: "mpk"; path: string } | { kind: "commit"; message: string } };

export function parseOptions(argv: string[], moduleName: string): Options | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        app: { type: "string" },
        branch: { type: "string", default: "main" },
        mpk: { type: "string" },
        commit: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return "help";
  if (values["dry-run"]) return { dryRun: true };
  if (!values.app) throw new UsageError("--app <appId> is required (or use --dry-run).");
  if (values.mpk !== undefined && values.commit !== undefined) throw new UsageError("Use either --mpk or --commit, not both.");
  if (values.commit !== undefined && !values.commit.trim()) throw new UsageError("--commit needs a commit message.");
  const output =
    values.commit !== undefined ? { kind: "commit" as const, message: values.commit } : { kind: "mpk" as const, path: values.mpk ?? `${moduleName}.mpk` };
  return { dryRun: false, app: values.app, branch: values.branch ?? "main", output };
}

/** One readable line for a network, server or model error, with what to do about it. */
export function explain(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]?.trim() || "unknown error";
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  const responseStatus = typeof error === "object" && error !== null && "responseStatus" in error ? Number((error as { responseStatus: unknown }).responseStatus) : NaN;
  const status = Number.isFinite(responseStatus) ? responseStatus : Number(/\b(40[134]|409|5\d\d)\b/.exec(message)?.[1] ?? NaN);
  const hint =
    status === 401
      ? "The token was refused: check MENDIX_TOKEN (mistyped, revoked or expired)."
      : status === 403
        ? "Access denied: the token needs the mx:modelrepository:repo:write scope and your account must be a member of the app."
        : status === 404
          ? "Not found: check --app (the App ID) and --branch; only apps on Mendix Team Server can be reached."
          : status === 409
            ? "The server reports a conflict: try again in a minute."
            : status >= 500
              ? "Mendix's server failed: try again later."
              : /^(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN)$/.test(code) || /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(message)
                ? "Cannot reach Mendix's servers: check the network connection or proxy and try again."
                : "";
  return hint ? `${hint} (${message})` : message;
}
