// The browser's API helper (lib/api-client.ts) that every form uses: what a learner or instructor
// reads when the server refuses, answers with something that is not JSON, or cannot be reached.
import { afterEach, describe, expect, it, vi } from "vitest";
import { callApi, UNREACHABLE_MESSAGE } from "@/lib/api-client";

function answerWith(response: Response | Error) {
  const fetchMock = vi.fn(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("callApi", () => {
  it("sends the JSON body with its content type and returns the parsed answer", async () => {
    const fetchMock = answerWith(Response.json({ classroom: { id: "c1" } }, { status: 201 }));
    const answer = await callApi<{ classroom: { id: string } }>("/api/instructor/classrooms", {
      json: { name: "Deep learning" },
      failure: "The classroom could not be created",
    });
    expect(answer).toEqual({ ok: true, status: 201, data: { classroom: { id: "c1" } } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/instructor/classrooms");
    expect(init.method).toBe("POST");
    expect(init.headers).toEqual({ "Content-Type": "application/json" });
    expect(JSON.parse(String(init.body))).toEqual({ name: "Deep learning" });
  });

  it("passes on the server's own reason for a refusal", async () => {
    answerWith(Response.json({ error: { code: "invalid", message: "The due time must be after the release." } }, { status: 400 }));
    const answer = await callApi("/x", { method: "PUT", json: {}, failure: "The extension could not be saved" });
    expect(answer).toEqual({ ok: false, status: 400, message: "The due time must be after the release." });
  });

  it("falls back to the caller's words and the status when the answer gives no reason", async () => {
    answerWith(new Response("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }));
    const answer = await callApi("/x", { failure: "The comment was not saved" });
    expect(answer).toEqual({ ok: false, status: 502, message: "The comment was not saved (HTTP 502)." });

    answerWith(Response.json({ error: { message: "   " } }, { status: 409 }));
    expect(await callApi("/x", { failure: "No invitation was made" })).toMatchObject({ message: "No invitation was made (HTTP 409)." });
  });

  it("says the server was not reached when the request fails, with status 0", async () => {
    answerWith(new TypeError("fetch failed"));
    expect(await callApi("/x", { failure: "Could not join" })).toEqual({ ok: false, status: 0, message: UNREACHABLE_MESSAGE });
  });

  it("treats an empty success (204) as success without data and sends no body when there is none", async () => {
    const fetchMock = answerWith(new Response(null, { status: 204 }));
    expect(await callApi("/api/instructor/invitations/i1", { method: "DELETE", failure: "It could not be withdrawn" })).toEqual({
      ok: true,
      status: 204,
      data: null,
    });
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init).toEqual({ method: "DELETE" });
  });
});
