// A simulated learner: one keep-alive connection (a browser tab), the better-auth session
// cookie it got at sign-up, and at most one request in flight.
import http from "node:http";

export interface HttpReply {
  status: number;
  /** Parsed JSON body, when there was one. */
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

/** A request that got no HTTP answer (connection refused or reset, or our own timeout). */
export class NoReply extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "NoReply";
  }
}

export class Learner {
  readonly email: string;
  readonly password: string;
  userId?: string;
  private cookies = new Map<string, string>();
  private agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    private readonly baseUrl: string,
    readonly index: number,
    runTag: string,
  ) {
    this.email = `bench-${runTag}-${index}@example.com`;
    this.password = `bench-password-${index}`;
  }

  /** Points the learner at a restarted server (same cookies, new connections). */
  reconnect(): void {
    this.agent.destroy();
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  close(): void {
    this.agent.destroy();
  }

  /** better-auth email sign-up (autoSignIn: the session cookie comes back with it). */
  async signUp(): Promise<HttpReply> {
    const reply = await this.post("/api/auth/sign-up/email", {
      email: this.email,
      password: this.password,
      name: `Bench learner ${this.index}`,
    });
    const user = (reply.body as { user?: { id?: string } } | undefined)?.user;
    if (reply.status === 200 && user?.id) this.userId = user.id;
    return reply;
  }

  get signedIn(): boolean {
    return this.userId !== undefined && this.cookies.size > 0;
  }

  post(pathname: string, payload: unknown, timeoutMs = 30_000): Promise<HttpReply> {
    const body = Buffer.from(JSON.stringify(payload));
    const url = new URL(pathname, this.baseUrl);
    const headers: http.OutgoingHttpHeaders = {
      "content-type": "application/json",
      "content-length": body.length,
      // What a browser on the app's own page sends; better-auth checks it.
      origin: this.baseUrl,
      accept: "application/json",
    };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method: "POST", agent: this.agent, headers, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => reject(new NoReply(`response: ${(e as NodeJS.ErrnoException).code ?? e.message}`)));
        res.on("end", () => {
          this.keepCookies(res.headers["set-cookie"]);
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
      });
      req.on("timeout", () => req.destroy(new Error("client timeout")));
      req.on("error", (e) => reject(new NoReply((e as NodeJS.ErrnoException).code ?? e.message)));
      req.end(body);
    });
  }

  private keepCookies(setCookie: string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const pair = line.split(";", 1)[0];
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      // An expired or emptied cookie is a deletion.
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
