/**
 * Test helper: a cookie-keeping "browser" built on fetch that drives the demo servers' login and
 * consent pages the way a person would, and stops when it is sent back to the app.
 */
export class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.jars.get(target.host) ?? new Map<string, string>();
    this.jars.set(target.host, jar);
    const headers = new Headers(init.headers);
    if (jar.size) {
      headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
    }
    const response = await fetch(target, { ...init, headers, redirect: "manual" });

    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const expired = attributes.some(
        (attribute) =>
          /^\s*max-age=0\s*$/i.test(attribute) ||
          (/^\s*expires=/i.test(attribute) && Date.parse(attribute.split("=")[1]!) < Date.now()),
      );
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(index + 1).trim());
    }

    return response;
  }

  /**
   * Follows redirects from `url` until a page answers, or until the next hop goes to `appBaseUrl`
   * (the app's callback, which is not running in these tests).
   */
  async follow(
    url: string,
    appBaseUrl: string,
    init?: RequestInit,
  ): Promise<{ url: string; response?: Response; html?: string }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 10; hops += 1) {
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) {
        return { url: current, response, html: await response.text() };
      }
      await response.body?.cancel();
      current = new URL(location, current).toString();
      if (current.startsWith(appBaseUrl)) return { url: current };
      response = await this.request(current);
    }
    throw new Error(`too many redirects, last ${current}`);
  }

  /** Submits the page's form (the first one with method=post) with the given fields. */
  async submit(
    pageUrl: string,
    html: string,
    fields: Record<string, string>,
    appBaseUrl: string,
  ): Promise<{ url: string; response?: Response; html?: string }> {
    const form = /<form[^>]*method="post"[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
    if (!form?.[1]) throw new Error(`no form on ${pageUrl}`);
    const body = new URLSearchParams();
    for (const hidden of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
      const name = /name="([^"]+)"/.exec(hidden[0])?.[1];
      const value = /value="([^"]*)"/.exec(hidden[0])?.[1] ?? "";
      if (name) body.set(name, value);
    }
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    const action = new URL(form[1].replaceAll("&amp;", "&"), pageUrl).toString();

    return this.follow(action, appBaseUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
  }
}
