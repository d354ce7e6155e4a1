"use client";
// A time in the reader's own time zone. The server does not know it, so the first render (server
// and hydration) shows UTC and the browser replaces it once mounted.
import { useEffect, useState } from "react";
import { formatTime } from "@/app/_lib/submission-view";

function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState(() => utc(iso));
  useEffect(() => setText(formatTime(iso)), [iso]);
  return <time dateTime={iso}>{text}</time>;
}
