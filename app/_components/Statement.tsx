// The exercise statement: Markdown with GitHub tables and LaTeX math, rendered on the server
// (KaTeX output is plain HTML + CSS; no math code is shipped to the browser). MathScroll marks
// formulas wider than the pane, which scroll sideways.
import Markdown from "react-markdown";
import rehypeKatex from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { MathScroll } from "./MathScroll";

export function Statement({ markdown }: { markdown: string }) {
  return (
    <div className="prose">
      <Markdown remarkPlugins={[remarkGfm, remarkMath]} rehypePlugins={[[rehypeKatex, { throwOnError: false, strict: false }]]}>
        {markdown}
      </Markdown>
      <MathScroll />
    </div>
  );
}
