/**
 * The first thing Tab reaches: jumps past the header and the navigation to the view's heading
 * (WCAG 2.4.1). The hash is the router's, so the link moves focus itself instead of following
 * `#view-heading`, which would navigate away.
 */
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#view-heading"
      onClick={(event) => {
        event.preventDefault();
        const target = document.getElementById('view-heading') ?? document.getElementById('main');
        target?.focus();
      }}
    >
      Skip to content
    </a>
  );
}
