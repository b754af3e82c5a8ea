// Placeholder until this page is built: answers 404 like an unknown address.
import { data } from "react-router";

export async function loader() {
  throw data({ reason: "not_found" }, { status: 404 });
}

export default function Placeholder() {
  return null;
}
