// Which new passwords are refused, following NIST SP 800-63B: length between the limits in
// lib/limits.ts, no composition rules, but nothing an attacker tries first. zxcvbn (the
// TypeScript port, with its list of ~50,000 common passwords, keyboard patterns, repeats,
// sequences, dates and l33t spellings) estimates how many guesses a password takes; below score 2
// (about a million guesses) it is refused, as is one built from the person's own name or email.
// Server only: the dictionary is ~2 MB and never shipped to the browser.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_MIN_STRENGTH } from "./limits";
import { isWellFormed } from "./text";

let estimator: ZxcvbnFactory | undefined;

function strength() {
  // Built on first use: decompressing the dictionaries takes a moment nobody needs at start-up.
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator;
}

/** Why zxcvbn found it guessable, in words (its warnings come as keys). */
const REASONS: Record<string, string> = {
  topTen: "it is one of the most common passwords",
  topHundred: "it is one of the most common passwords",
  common: "it is a commonly used password",
  similarToCommon: "it is a small change to a common password",
  straightRow: "it is a row of keys",
  keyPattern: "it is a pattern of keys next to each other",
  simpleRepeat: "it repeats a character",
  extendedRepeat: "it repeats a short group of characters",
  sequences: "it is a sequence like abcd or 1234",
  recentYears: "it is or ends with a recent year",
  dates: "it is a date",
  wordByItself: "it is a single word",
  namesByThemselves: "it is a name",
  commonNames: "it is a common name",
  userInputs: "it is made of your name or email address",
};

/** Words of the person's own details that a guesser would try. */
function personalWords(details: { email?: string; name?: string }): string[] {
  const words = [details.email, details.email?.split("@")[0], details.name, ...(details.name?.split(/\s+/) ?? [])];
  return words.filter((w): w is string => typeof w === "string" && w.length >= 3).map((w) => w.toLowerCase());
}

/** Why this new password is refused, written for the person choosing it, or null if it is fine. */
export function passwordProblem(password: string, details: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `That password is too short: use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `That password is too long: use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (!isWellFormed(password)) return "That password holds a broken character (a lone UTF-16 surrogate).";
  const result = strength().check(password, personalWords(details));
  if (result.score >= PASSWORD_MIN_STRENGTH) return null;
  const reason = REASONS[result.feedback.warning ?? ""] ?? "it follows a pattern guessers try early";
  return `That password is too easy to guess: ${reason}. A few unrelated words make a strong one.`;
}
