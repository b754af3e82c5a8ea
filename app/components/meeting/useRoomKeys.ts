import { useEffect, useState } from "react";

const STORAGE_KEY = "casetable:single-key-shortcuts";
/** Where a key belongs to what has the focus: a button, a link, a field, the notes. */
const INTERACTIVE =
  "a[href], button, input, select, textarea, summary, [contenteditable=true], [role=button], [role=dialog]";

export type RoomKey = "next" | "previous" | "timer" | "decision" | "task" | "done" | "help";
export const ROOM_KEYS: readonly (readonly [string, RoomKey])[] = [
  ["n / →", "next"],
  ["p / ←", "previous"],
  ["t / space", "timer"],
  ["m", "done"],
  ["d", "decision"],
  ["a", "task"],
  ["?", "help"],
];

function keyOf(e: KeyboardEvent): RoomKey | null {
  switch (e.key) {
    case "n":
    case "ArrowRight":
      return "next";
    case "p":
    case "ArrowLeft":
      return "previous";
    case "t":
    case " ":
      return "timer";
    case "m":
      return "done";
    case "d":
      return "decision";
    case "a":
      return "task";
    case "?":
      return "help";
    default:
      return null;
  }
}

/** Whether single-key shortcuts are on (WCAG 2.1.4: they can be turned off); remembered on this device. */
export function useShortcutsSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(true);
  useEffect(() => setOn(localStorage.getItem(STORAGE_KEY) !== "off"), []);
  return [
    on,
    (next: boolean) => {
      localStorage.setItem(STORAGE_KEY, next ? "on" : "off");
      setOn(next);
    },
  ];
}

/**
 * The chair's single-key shortcuts. They act only when nothing interactive has the
 * focus, so Space on a focused button presses that button and typing stays typing.
 */
export function useRoomKeys(enabled: boolean, act: (key: RoomKey) => void) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest?.(INTERACTIVE)) return;
      const key = keyOf(e);
      if (!key) return;
      e.preventDefault();
      act(key);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled, act]);
}
