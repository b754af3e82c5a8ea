import { Link } from "react-router";

/**
 * A page's title, with the one action the page offers beside it (invite a member, register
 * a signal, schedule a meeting), shown only when the person may take it.
 */
export function PageHeading({
  title,
  action,
}: {
  title: string;
  action?: { to: string; label: string; primary?: boolean } | false;
}) {
  return (
    <div className="page-heading">
      <h1>{title}</h1>
      {action && (
        <Link to={action.to} className={action.primary ? "button primary" : "button"}>
          {action.label}
        </Link>
      )}
    </div>
  );
}
