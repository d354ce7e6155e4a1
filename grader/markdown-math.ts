// Finds math in Markdown the way the pages do (remark-parse + remark-math) and renders each
// formula with KaTeX, so a statement or a hint with broken LaTeX is reported by exercises:check
// instead of showing up red on a learner's screen.
import katex from "katex";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import { unified } from "unified";

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { line: number } };
}

const parser = unified().use(remarkParse).use(remarkMath);

/** One message per formula KaTeX cannot render: "line 3: $\frac{1}{$: …". */
export function mathProblems(markdown: string): string[] {
  const problems: string[] = [];
  const walk = (node: MdNode) => {
    if ((node.type === "inlineMath" || node.type === "math") && node.value !== undefined) {
      try {
        katex.renderToString(node.value, { throwOnError: true, strict: false, displayMode: node.type === "math" });
      } catch (e) {
        const formula = node.value.length > 40 ? `${node.value.slice(0, 40)}…` : node.value;
        const line = node.position ? `line ${node.position.start.line}: ` : "";
        problems.push(`${line}math \`${formula}\` does not render: ${(e as Error).message.replace(/^KaTeX parse error: /, "")}`);
      }
    }
    node.children?.forEach(walk);
  };
  walk(parser.parse(markdown) as MdNode);
  return problems;
}
