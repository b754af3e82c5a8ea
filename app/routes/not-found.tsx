import { data } from "react-router";

export async function loader() {
  throw data({ reason: "not_found" }, { status: 404 });
}

export default function NotFound() {
  return null;
}
