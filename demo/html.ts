/**
 * Plain, self-contained HTML for the demo servers' pages: no scripts, no external resources, real
 * labels on every control, so people and the browser tests can use them alike.
 */
const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { max-width: 32rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
fieldset { border: 1px solid #8884; border-radius: .5rem; padding: .75rem 1rem; }
label { display: block; margin: .35rem 0; }
input[type=password] { display: block; width: 100%; padding: .4rem; margin-top: .25rem; }
button { font: inherit; padding: .45rem 1.1rem; margin: 1rem .5rem 0 0; cursor: pointer; }
.error { color: #c0262d; border: 1px solid currentColor; border-radius: .5rem; padding: .5rem; }
.hint { background: #8882; border-radius: .5rem; padding: .5rem .75rem; }
code { font-size: 1rem; }
`;

export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A whole document; `body` must already be escaped. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** An error page for provider errors: names the error in plain words, never a stack trace. */
export function errorPage(brand: string, error: string, description?: string): string {
  return page(
    `${brand}: something went wrong`,
    `<h1>Something went wrong</h1>
<p>${escapeHtml(brand)} could not complete this request.</p>
<p>Error: <code>${escapeHtml(error)}</code></p>
${description ? `<p>${escapeHtml(description)}</p>` : ""}`,
  );
}
