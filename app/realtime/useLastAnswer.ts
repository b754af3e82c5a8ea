import { useState } from "react";

/**
 * The last answer of the page's action, kept while live updates read the page's data
 * again: React Router forgets an action's answer at the first reload after it, so "Version
 * 1 is on its way" vanished as the first mail went. The next answer replaces it.
 */
export function useLastAnswer<T>(actionData: T | undefined): T | undefined {
  const [last, setLast] = useState(actionData);
  if (actionData !== undefined && actionData !== last) setLast(actionData);
  return actionData ?? last;
}
