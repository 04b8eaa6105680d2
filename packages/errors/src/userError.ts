/**
 * A mistake the person running a command can fix (a busy port, an unreachable DATABASE_URL, a
 * missing directory). The message is the whole report: one line that names the setting, file or
 * process at fault and what to do about it. The `marquee` command prints it alone and exits 1;
 * the stack is shown only with `--verbose` or `LOG_LEVEL=debug`.
 */
export class UserError extends Error {
  override name = 'UserError';
}
