/** An answer before it is written: the server decides how (and whether) its body reaches the client. */
export interface ResponsePlan {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** a string, or text chunks produced lazily as the body is written */
  body: string | Iterable<string>;
}

/** The headers an IIS-hosted iSAMS sends with every answer. */
export const IIS_HEADERS: Readonly<Record<string, string>> = {
  Server: 'Microsoft-IIS/10.0',
  'X-AspNet-Version': '4.0.30319',
  'X-Powered-By': 'ASP.NET',
  'Cache-Control': 'private',
};

export function xmlPlan(
  status: number,
  body: string | Iterable<string>,
  headers: Readonly<Record<string, string>> = {},
): ResponsePlan {
  return { status, headers: { ...IIS_HEADERS, 'Content-Type': 'text/xml; charset=utf-8', ...headers }, body };
}

export function jsonPlan(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): ResponsePlan {
  return {
    status,
    headers: { ...IIS_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

/** A load balancer's or IIS's own error page: HTML, not XML, as a real 503 is. */
export function htmlPlan(status: number, title: string, headers: Readonly<Record<string, string>> = {}): ResponsePlan {
  const body = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n<HTML><HEAD><TITLE>${title}</TITLE>\r\n<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n<BODY><h2>${title}</h2>\r\n<hr><p>HTTP Error ${status}. The service is unavailable.</p>\r\n</BODY></HTML>\r\n`;
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=us-ascii', Server: 'Microsoft-HTTPAPI/2.0', ...headers },
    body,
  };
}
