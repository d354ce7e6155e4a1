// The authoring CLIs print reports that people pipe into `head`, `grep -m1` or a pager. When the
// reader goes away, writing to stdout fails with EPIPE; left unhandled, Node prints a stack trace
// and the report looks like a crash of the tool. Exit quietly instead, as `git log | head` does,
// keeping whatever exit status the run had already decided on.
export function exitQuietlyWhenOutputCloses(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}
