// Every bound on what people send and what a page shows, written once: the server enforces them
// (lib/http, lib/auth, the domain modules) and the forms and pages import the same numbers.
// README ("Limits") lists them. Rate limits and backoff live in lib/rate-limit.ts.
// Safe to import from client components: constants only.

/** A learner's TypeScript file, in UTF-8 bytes: a Run, a Submit or a draft. */
export const CODE_MAX_BYTES = 64 * 1024;

/** Request body carrying one code file: JSON escaping can make 64 KB several times larger. */
export const CODE_BODY_MAX_BYTES = 8 * CODE_MAX_BYTES;
/** Request body of a few short fields (a join code, a classroom name, "only" of a live check). */
export const SMALL_BODY_MAX_BYTES = 4 * 1024;
/** The drafts a visitor hands over on signing in: every exercise's draft at the code limit fits. */
export const DRAFT_IMPORT_MAX_BYTES = 4 * 1024 * 1024;
/** Drafts in one import (there is one per exercise). */
export const DRAFT_IMPORT_MAX_COUNT = 100;
/** Bodies of the account endpoints (sign-up, sign-in, update-user): a few short fields. */
export const AUTH_BODY_MAX_BYTES = 16 * 1024;

/** A person's name as shown to their instructor, in characters. */
export const PERSON_NAME_MAX_LENGTH = 100;
/** RFC 5321's limit on a forward path. */
export const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn score (0-4) a new password needs: 2 is about a million guesses (lib/password-policy.ts). */
export const PASSWORD_MIN_STRENGTH = 2;
/** Strings better-auth accepts that nobody here sets (image URL, callback URLs), in characters. */
export const AUTH_OTHER_FIELD_MAX_LENGTH = 2048;

export const CLASSROOM_NAME_MAX_LENGTH = 100;
/** A join code as typed, spaces and dashes included ("abcd-efgh"); stored codes are 4 to 16 letters. */
export const JOIN_CODE_INPUT_MAX_LENGTH = 32;
export const JOIN_CODE_MIN_LENGTH = 4;
export const JOIN_CODE_MAX_LENGTH = 16;

/** Rows per page of the learner's own history (/submissions). */
export const HISTORY_PAGE_SIZE = 50;
/** Submissions per page of the instructor's learner page (each shows its code, results and diff). */
export const LEARNER_PAGE_SIZE = 20;
/** Largest `limit` of GET /api/submissions (summaries only, never code). */
export const SUBMISSION_LIST_MAX = 500;

/** An assignment's title, in characters. */
export const ASSIGNMENT_TITLE_MAX_LENGTH = 120;
/** Exercises in one assignment. */
export const ASSIGNMENT_MAX_EXERCISES = 50;
/** Longest late cut-off, in days after the (extended) due time. */
export const LATE_CUTOFF_MAX_DAYS = 365;

/** Failed submits without a pass after which a learner counts as stuck on an exercise. */
export const STUCK_FAILED_SUBMITS = 3;
/** A learner with unsolved exercises and no activity for this many days counts as stuck. */
export const STUCK_IDLE_DAYS = 7;

/** Live classroom streams (server-sent events) open at once, per instructor and in all. */
export const LIVE_STREAMS_PER_USER = 4;
export const LIVE_STREAMS_MAX = 100;
/** The classroom page re-renders at most this often however many learners submit. */
export const LIVE_REFRESH_MIN_INTERVAL_MS = 1000;

/** How long an instructor invitation link stays usable (lib/invitations.ts). */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Unused invitations one instructor may have open at once. */
export const INVITATIONS_OPEN_MAX = 20;
/** Characters in one comment on a submission (lib/feedback.ts). */
export const COMMENT_MAX_LENGTH = 2000;
/** Request body of a comment: COMMENT_MAX_LENGTH characters, JSON-escaped, with room to spare. */
export const COMMENT_BODY_MAX_BYTES = 16 * 1024;
/** Characters in the reason an instructor gives for overriding a score (lib/score-overrides.ts). */
export const OVERRIDE_REASON_MAX_LENGTH = 500;
