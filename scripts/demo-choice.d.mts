export type DemoReason = "asked" | "first-local-start" | "refused" | "not-asked";
export function demoChoice(input: { env: Record<string, string | undefined>; args: Iterable<string>; firstStart: boolean }): { seed: boolean; reason: DemoReason };
export function demoNotice(
  demo: { instructor: { email: string; password: string }; learner: { email: string; password: string }; classroom: { name: string; joinCode: string } },
  reason: string,
): string;
