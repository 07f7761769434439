// git runs in folders the audit is handed (a kit, a pull request's checkout), and a repository's own
// .git/config can name commands: `git ls-files` runs core.fsmonitor (checked with git 2.39: a
// handed-over kit with .git/config `fsmonitor = "touch /tmp/x"` ran it). Every git the audit runs
// turns that off, so auditing a kit never runs a command the kit brought.
export function gitArgs(...args: string[]): string[] {
  return ["-c", "core.fsmonitor=false", ...args];
}
