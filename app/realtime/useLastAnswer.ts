import { useState } from "react";
import { useLocation } from "react-router";

/**
 * The last answer of the page's action, kept while live updates read the page's data
 * again: React Router forgets an action's answer at the first reload after it, so "Version
 * 1 is on its way" vanished as the first mail went. The next answer replaces it; going to
 * another page (even one drawn by the same route) forgets it.
 */
export function useLastAnswer<T>(actionData: T | undefined): T | undefined {
  const { key } = useLocation();
  const [last, setLast] = useState({ key, answer: actionData });
  if (actionData !== undefined && (actionData !== last.answer || key !== last.key))
    setLast({ key, answer: actionData });
  return actionData ?? (last.key === key ? last.answer : undefined);
}
