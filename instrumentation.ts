// Next.js calls register() once when the server starts. Start-up work runs in the background
// (not awaited, so the server answers at once); see lib/warm-up.ts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { warmUp } = await import("./lib/warm-up");
  void warmUp();
}
