"use client";
// Text with LaTeX math between $…$ or $$…$$ and `code` spans (a hint written like the
// statements), rendered with KaTeX in the browser. KaTeX is loaded only when some text has math;
// until then, and if a formula does not parse, the source shows as written.
import "katex/dist/katex.min.css";
import { Fragment, useEffect, useState } from "react";

type Piece = { math: false; text: string; code?: true } | { math: true; tex: string; display: boolean };

/** Splits off `code` spans (Markdown's inline code: nothing inside is math), then math in the rest. */
export function splitMath(text: string): Piece[] {
  const pieces: Piece[] = [];
  const code = /`([^`\n]+)`/g;
  let at = 0;
  for (let m: RegExpExecArray | null; (m = code.exec(text)); ) {
    if (m.index > at) pieces.push(...splitMathOnly(text.slice(at, m.index)));
    pieces.push({ math: false, text: m[1], code: true });
    at = code.lastIndex;
  }
  if (at < text.length) pieces.push(...splitMathOnly(text.slice(at)));
  return pieces;
}

/** Splits on $$…$$ and $…$ (a backslash-escaped \\$ is a dollar sign). */
function splitMathOnly(text: string): Piece[] {
  const pieces: Piece[] = [];
  const re = /\$\$([\s\S]+?)\$\$|(?<!\\)\$((?:\\\$|[^$\n])+?)\$/g;
  let at = 0;
  for (let m: RegExpExecArray | null; (m = re.exec(text)); ) {
    if (m.index > at) pieces.push({ math: false, text: text.slice(at, m.index) });
    pieces.push(m[1] !== undefined ? { math: true, tex: m[1].trim(), display: true } : { math: true, tex: m[2].trim(), display: false });
    at = re.lastIndex;
  }
  if (at < text.length) pieces.push({ math: false, text: text.slice(at) });
  return pieces.map((p) => (p.math ? p : { math: false, text: p.text.replace(/\\\$/g, "$") }));
}

type Katex = typeof import("katex");
let katexLoad: Promise<Katex> | null = null;

export function MathText({ text }: { text: string }) {
  const pieces = splitMath(text);
  const hasMath = pieces.some((p) => p.math);
  const [katex, setKatex] = useState<Katex | null>(null);
  useEffect(() => {
    if (!hasMath || katex) return;
    let live = true;
    katexLoad ??= import("katex").then((m) => (m as unknown as { default?: Katex }).default ?? m);
    katexLoad.then((k) => live && setKatex(() => k)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [hasMath, katex]);
  return (
    <>
      {pieces.map((p, i) => {
        if (!p.math) return p.code ? <code key={i}>{p.text}</code> : <Fragment key={i}>{p.text}</Fragment>;
        const source = p.display ? `$$${p.tex}$$` : `$${p.tex}$`;
        if (!katex) return <span key={i} className="math-source">{source}</span>;
        const html = katex.renderToString(p.tex, { displayMode: p.display, throwOnError: false, strict: false, output: "htmlAndMathml" });
        return <span key={i} className={p.display ? "math-display" : "math-inline"} dangerouslySetInnerHTML={{ __html: html }} />;
      })}
    </>
  );
}
