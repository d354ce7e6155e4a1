// Mutants of an exercise's reference solution, made with the TypeScript compiler's parser: each
// operator below walks the syntax tree and proposes a one-place edit (an operator swapped, a
// constant nudged, a statement removed…), which is applied at the node's exact source span.
// grader/mutation.ts grades the mutants; a good test set fails every one that is not equivalent.
import { createHash } from "node:crypto";
import { createTwoFilesPatch } from "diff";
import * as esbuild from "esbuild";
import ts from "typescript";
import type { Mutant, MutationOperator } from "./mutation";

export type { Mutant, MutationOperator };

interface Edit {
  start: number;
  end: number;
  text: string;
  operator: MutationOperator;
  description: string;
}

const ARITHMETIC_SWAPS: Partial<Record<ts.SyntaxKind, string[]>> = {
  [ts.SyntaxKind.PlusToken]: ["-"],
  [ts.SyntaxKind.MinusToken]: ["+"],
  [ts.SyntaxKind.AsteriskToken]: ["/"],
  [ts.SyntaxKind.SlashToken]: ["*"],
  [ts.SyntaxKind.PercentToken]: ["*"],
  [ts.SyntaxKind.AsteriskAsteriskToken]: ["*"],
};

const ASSIGNMENT_SWAPS: Partial<Record<ts.SyntaxKind, string[]>> = {
  [ts.SyntaxKind.PlusEqualsToken]: ["-=", "="],
  [ts.SyntaxKind.MinusEqualsToken]: ["+=", "="],
  [ts.SyntaxKind.AsteriskEqualsToken]: ["/=", "="],
  [ts.SyntaxKind.SlashEqualsToken]: ["*=", "="],
};

// Each comparison gets its boundary twin (< ↔ <=) and its negation (< → >=).
const RELATIONAL_SWAPS: Partial<Record<ts.SyntaxKind, string[]>> = {
  [ts.SyntaxKind.LessThanToken]: ["<=", ">="],
  [ts.SyntaxKind.LessThanEqualsToken]: ["<", ">"],
  [ts.SyntaxKind.GreaterThanToken]: [">=", "<="],
  [ts.SyntaxKind.GreaterThanEqualsToken]: [">", "<"],
};

const EQUALITY_SWAPS: Partial<Record<ts.SyntaxKind, string[]>> = {
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: ["!=="],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: ["==="],
  [ts.SyntaxKind.EqualsEqualsToken]: ["!="],
  [ts.SyntaxKind.ExclamationEqualsToken]: ["=="],
};

const LOGICAL_SWAPS: Partial<Record<ts.SyntaxKind, string[]>> = {
  [ts.SyntaxKind.AmpersandAmpersandToken]: ["||"],
  [ts.SyntaxKind.BarBarToken]: ["&&"],
};

/** Math functions a learner plausibly confuses with one another (same arity). */
const MATH_SWAPS: Record<string, string[]> = {
  max: ["min"],
  min: ["max"],
  floor: ["ceil", "round"],
  ceil: ["floor", "round"],
  round: ["floor", "ceil"],
  trunc: ["floor", "round"],
  log: ["log10", "log2", "log1p"],
  log10: ["log"],
  log2: ["log"],
  log1p: ["log"],
  exp: ["expm1"],
  expm1: ["exp"],
  sqrt: ["cbrt"],
  cbrt: ["sqrt"],
  tanh: ["sinh", "atan"],
  sinh: ["tanh"],
  atan: ["tanh"],
  sin: ["cos"],
  cos: ["sin"],
  abs: ["sign"],
  pow: ["hypot"],
};

/** One-argument Math functions whose removal (f(x) → x) is a plausible omission. */
const MATH_REMOVABLE = new Set(["tanh", "sqrt", "abs", "exp", "log", "log1p", "expm1", "sinh", "atan", "cbrt", "floor", "ceil", "round", "trunc"]);

const ITERATION_METHODS = new Set(["map", "forEach", "reduce", "filter", "some", "every", "reduceRight"]);

/** Receivers whose properties are library members, not data (Math.max, console.log…). */
const LIBRARY_OBJECTS = new Set(["Math", "Number", "Array", "Object", "JSON", "console", "String", "Boolean"]);

/** Every mutant of `source`, in source order; mutants that do not parse are left out. */
export function generateMutants(source: string, fileName = "reference.ts"): Mutant[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: Edit[] = [];
  const propertiesByObject = collectProperties(sf);
  const text = (n: ts.Node) => n.getText(sf);
  const span = (n: ts.Node) => ({ start: n.getStart(sf), end: n.getEnd() });
  const add = (n: ts.Node, replacement: string, operator: MutationOperator, description: string) =>
    edits.push({ ...span(n), text: replacement, operator, description });

  const visit = (node: ts.Node): void => {
    // Types, imports and declarations of types are not behaviour.
    if (ts.isTypeNode(node) || ts.isImportDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) return;

    if (ts.isBinaryExpression(node)) binaryEdits(node, add, text);
    else if (ts.isPrefixUnaryExpression(node)) {
      if (node.operator === ts.SyntaxKind.MinusToken && !ts.isNumericLiteral(node.operand)) {
        add(node, text(node.operand), "unary", `\`-${text(node.operand)}\` → \`${text(node.operand)}\``);
      } else if (node.operator === ts.SyntaxKind.ExclamationToken) {
        add(node, text(node.operand), "unary", `\`!\` removed`);
      }
    } else if (ts.isNumericLiteral(node)) constantEdits(node, add);
    else if (ts.isCallExpression(node)) callEdits(node, add, text);
    else if (ts.isExpressionStatement(node) || ts.isBreakOrContinueStatement(node)) {
      // The body of a loop or an if without braces still needs a statement: an empty block.
      const inList = ts.isBlock(node.parent) || ts.isSourceFile(node.parent) || ts.isCaseOrDefaultClause(node.parent);
      add(node, inList ? "" : "{}", "statement", `\`${oneLine(text(node))}\` removed`);
    }
    else if (ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isConditionalExpression(node)) {
      const cond = ts.isConditionalExpression(node) ? node.condition : node.expression;
      add(cond, "true", "condition", `condition \`${oneLine(text(cond))}\` → \`true\``);
      add(cond, "false", "condition", `condition \`${oneLine(text(cond))}\` → \`false\``);
    } else if (ts.isForStatement(node) && node.condition && ts.isBinaryExpression(node.condition) && RELATIONAL_SWAPS[node.condition.operatorToken.kind]) {
      const bound = node.condition.right;
      for (const delta of ["- 1", "+ 1"]) {
        add(bound, `${parenthesised(bound, text)} ${delta}`, "loop-bound", `loop bound \`${text(bound)}\` → \`${text(bound)} ${delta}\``);
      }
    } else if (ts.isForOfStatement(node)) {
      iterationEdits(node.expression, add, text);
    } else if (ts.isPropertyAccessExpression(node)) propertyEdits(node, propertiesByObject, add, text);
    else if (ts.isElementAccessExpression(node) && ts.isElementAccessExpression(node.expression)) {
      const outer = node.expression;
      const [a, b] = [text(outer.argumentExpression), text(node.argumentExpression)];
      if (a !== b) add(node, `${text(outer.expression)}[${b}][${a}]`, "index-swap", `\`[${a}][${b}]\` → \`[${b}][${a}]\``);
    } else if (ts.isArrayLiteralExpression(node)) {
      const els = node.elements;
      for (let i = 0; i + 1 < els.length; i++) {
        if (ts.isSpreadElement(els[i]) || ts.isSpreadElement(els[i + 1]) || text(els[i]) === text(els[i + 1])) continue;
        edits.push({
          start: els[i].getStart(sf),
          end: els[i + 1].getEnd(),
          text: `${text(els[i + 1])}, ${text(els[i])}`,
          operator: "element-swap",
          description: `\`${text(els[i])}\` and \`${text(els[i + 1])}\` swapped`,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
  return materialise(source, fileName, edits);
}

type Add = (n: ts.Node, replacement: string, operator: MutationOperator, description: string) => void;
type Text = (n: ts.Node) => string;

function binaryEdits(node: ts.BinaryExpression, add: Add, text: Text): void {
  const kind = node.operatorToken.kind;
  const op = text(node.operatorToken);
  const groups: [Partial<Record<ts.SyntaxKind, string[]>>, MutationOperator][] = [
    [ARITHMETIC_SWAPS, "arithmetic"],
    [ASSIGNMENT_SWAPS, "assignment"],
    [RELATIONAL_SWAPS, "relational"],
    [EQUALITY_SWAPS, "equality"],
    [LOGICAL_SWAPS, "logical"],
  ];
  for (const [table, operator] of groups) {
    for (const to of table[kind] ?? []) add(node.operatorToken, to, operator, `\`${op}\` → \`${to}\``);
  }
  if (ARITHMETIC_SWAPS[kind] && kind !== ts.SyntaxKind.AsteriskAsteriskToken && kind !== ts.SyntaxKind.PercentToken) {
    // a − b → a and a / b → a drop an offset or a scale (the stabiliser of a robust formula);
    // a + b and a · b can lose either term.
    const keep = kind === ts.SyntaxKind.PlusToken || kind === ts.SyntaxKind.AsteriskToken ? [node.left, node.right] : [node.left];
    for (const operand of keep) {
      add(node, parenthesised(operand, text), "operand", `\`${oneLine(text(node))}\` → \`${oneLine(text(operand))}\``);
    }
  }
}

function constantEdits(node: ts.NumericLiteral, add: Add): void {
  const value = Number(node.text);
  if (!Number.isFinite(value)) return;
  // An index or a property name written as a number is still a constant of the formula.
  const nudged = Number.isInteger(value) ? [value + 1, value - 1] : [roundTo(value * 1.01), roundTo(value * 0.99)];
  for (const n of nudged) {
    const literal = n < 0 ? `(${n})` : String(n);
    add(node, literal, "constant", `\`${node.text}\` → \`${n}\``);
  }
}

function roundTo(x: number): number {
  return Number(x.toPrecision(6));
}

function callEdits(node: ts.CallExpression, add: Add, text: Text): void {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee)) return;
  const name = callee.name.text;
  if (ts.isIdentifier(callee.expression) && callee.expression.text === "Math") {
    for (const to of MATH_SWAPS[name] ?? []) add(callee.name, to, "math", `\`Math.${name}\` → \`Math.${to}\``);
    const [arg] = node.arguments;
    if (MATH_REMOVABLE.has(name) && node.arguments.length === 1 && !ts.isSpreadElement(arg)) {
      add(node, `(${text(arg)})`, "math-removed", `\`Math.${name}(…)\` removed`);
    }
    const naive = naiveFormula(node, text);
    if (naive) add(node, naive.text, "naive", naive.description);
    return;
  }
  if (ITERATION_METHODS.has(name)) iterationEdits(callee.expression, add, text);
}

/** The textbook formula for a numerically robust Math function: what a naive solution computes. */
function naiveFormula(node: ts.CallExpression, text: Text): { text: string; description: string } | undefined {
  const name = (node.expression as ts.PropertyAccessExpression).name.text;
  const args = node.arguments;
  if (name === "hypot") {
    if (args.length === 1 && ts.isSpreadElement(args[0])) {
      const list = text(args[0].expression);
      return { text: `Math.sqrt(${list}.reduce((s, v) => s + v * v, 0))`, description: "`Math.hypot(...)` → `Math.sqrt(Σ v²)` (overflows and underflows)" };
    }
    if (args.length > 0 && !args.some(ts.isSpreadElement)) {
      const sum = args.map((a) => `(${text(a)}) * (${text(a)})`).join(" + ");
      return { text: `Math.sqrt(${sum})`, description: "`Math.hypot(…)` → `Math.sqrt(Σ v²)` (overflows and underflows)" };
    }
  }
  if (args.length === 1 && !ts.isSpreadElement(args[0])) {
    const x = text(args[0]);
    if (name === "log1p") return { text: `Math.log(1 + (${x}))`, description: "`Math.log1p(x)` → `Math.log(1 + x)` (loses small x)" };
    if (name === "expm1") return { text: `(Math.exp(${x}) - 1)`, description: "`Math.expm1(x)` → `Math.exp(x) - 1` (loses small x)" };
  }
  return undefined;
}

/** Iterating over all but the first, or all but the last, element: an off-by-one in a loop. */
function iterationEdits(list: ts.Expression, add: Add, text: Text): void {
  const t = parenthesised(list, text);
  add(list, `${t}.slice(1)`, "iteration", `iterates over \`${oneLine(text(list))}\` without its first element`);
  add(list, `${t}.slice(0, -1)`, "iteration", `iterates over \`${oneLine(text(list))}\` without its last element`);
}

function propertyEdits(node: ts.PropertyAccessExpression, byObject: Map<string, Set<string>>, add: Add, text: Text): void {
  if (!ts.isIdentifier(node.expression) || LIBRARY_OBJECTS.has(node.expression.text)) return;
  // A method call (g.map(…)) is not data: swapping it would only produce a TypeError.
  if (ts.isCallExpression(node.parent) && node.parent.expression === node) return;
  const name = node.name.text;
  if (name === "length") return;
  const object = node.expression.text;
  for (const other of byObject.get(object) ?? []) {
    if (other !== name) add(node.name, other, "property-swap", `\`${object}.${name}\` → \`${object}.${other}\``);
  }
}

/** For each plain identifier, the data properties read from it anywhere in the file. */
function collectProperties(sf: ts.SourceFile): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const walk = (node: ts.Node): void => {
    if (ts.isTypeNode(node)) return;
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      !LIBRARY_OBJECTS.has(node.expression.text) &&
      node.name.text !== "length" &&
      !(ts.isCallExpression(node.parent) && node.parent.expression === node)
    ) {
      let set = map.get(node.expression.text);
      if (!set) map.set(node.expression.text, (set = new Set()));
      set.add(node.name.text);
    }
    ts.forEachChild(node, walk);
  };
  walk(sf);
  return map;
}

/** The node's text, in parentheses unless it is a name, a literal, a call or a member access. */
function parenthesised(node: ts.Node, text: Text): string {
  const simple =
    ts.isIdentifier(node) ||
    ts.isNumericLiteral(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isCallExpression(node) ||
    ts.isParenthesizedExpression(node);
  return simple ? text(node) : `(${text(node)})`;
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

/** Whether the grader's compiler (esbuild, as for learner code) accepts the mutant. */
function compiles(source: string, fileName: string): boolean {
  try {
    esbuild.transformSync(source, { loader: "ts", sourcefile: fileName, logLevel: "silent" });
    return true;
  } catch {
    return false;
  }
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** The full lines an edit touches, before and after: what a stable id is made of. */
function changedLines(source: string, edit: Edit): { before: string; after: string } {
  const from = source.lastIndexOf("\n", edit.start - 1) + 1;
  const nl = source.indexOf("\n", edit.end);
  const to = nl === -1 ? source.length : nl;
  const before = source.slice(from, to);
  const after = source.slice(from, edit.start) + edit.text + source.slice(edit.end, to);
  return { before: before.trim(), after: after.trim() };
}

function materialise(source: string, fileName: string, edits: Edit[]): Mutant[] {
  const seenSources = new Set<string>([source]);
  const occurrences = new Map<string, number>();
  const mutants: Mutant[] = [];
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  for (const edit of edits) {
    const mutated = source.slice(0, edit.start) + edit.text + source.slice(edit.end);
    if (seenSources.has(mutated) || !compiles(mutated, fileName)) continue;
    seenSources.add(mutated);
    const { before, after } = changedLines(source, edit);
    const key = `${edit.operator}\0${before}\0${after}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const hash = createHash("sha256").update(`${key}\0${occurrence}`).digest("hex").slice(0, 8);
    const patch = createTwoFilesPatch(fileName, `${fileName} (mutant)`, source, mutated, undefined, undefined, { context: 1 });
    mutants.push({
      id: `${edit.operator}-${hash}`,
      operator: edit.operator,
      description: edit.description,
      line: lineOf(source, edit.start),
      source: mutated,
      // From the first hunk on: the file names are always the same two.
      diff: patch.slice(patch.indexOf("@@")).trimEnd(),
    });
  }
  return mutants;
}
