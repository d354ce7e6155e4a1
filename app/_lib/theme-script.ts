// The part of the theme logic the server layout needs (no React hooks: see ./theme.ts).

export type Theme = "light" | "dark";

/** localStorage key of a theme the learner pinned with the header's toggle. */
export const THEME_KEY = "rnn-grader:theme";

/** Runs in <head> before anything is painted, so a pinned theme never flashes the other one. */
export const THEME_SCRIPT = `try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;
