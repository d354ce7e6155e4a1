"use client";
// A learner types the join code their instructor gave them (any case, with or without the
// dash). Joining a classroom twice is harmless and says so.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { JOIN_CODE_INPUT_MAX_LENGTH } from "@/lib/limits";
import { callApi } from "@/lib/api-client";

type Message = { tone: "ok" | "error"; text: string } | null;

export function JoinClassroomForm({ initialCode = "" }: { initialCode?: string }) {
  const router = useRouter();
  const id = useId();
  const [code, setCode] = useState(initialCode);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (!code.trim()) {
      setMessage({ tone: "error", text: "Type the join code your instructor gave you, like ABCD-EFGH." });
      return;
    }
    setBusy(true);
    setMessage(null);
    const answer = await callApi<{ classroom?: { name: string; ownerName: string }; alreadyMember?: boolean } | null>(
      "/api/classrooms/join",
      { json: { code }, failure: "Could not join" },
    );
    setBusy(false);
    const joined = answer.ok ? answer.data : null;
    if (joined?.classroom) {
      const { name, ownerName } = joined.classroom;
      setMessage({
        tone: "ok",
        text: joined.alreadyMember ? `You are already in ${name} (${ownerName}).` : `You joined ${name} (${ownerName}).`,
      });
      setCode("");
      router.refresh();
    } else {
      setMessage({ tone: "error", text: answer.ok ? `Could not join (HTTP ${answer.status}). Please try again.` : answer.message });
    }
  }

  return (
    <form className="join-form" onSubmit={onSubmit} noValidate>
      <label htmlFor={`${id}-code`}>Join code</label>
      <div className="join-row">
        <input
          id={`${id}-code`}
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder="ABCD-EFGH"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={JOIN_CODE_INPUT_MAX_LENGTH}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
          Join
        </button>
      </div>
      {message ? (
        <p className={message.tone === "ok" ? "banner banner-ok" : "banner banner-error"} role={message.tone === "ok" ? "status" : "alert"}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
