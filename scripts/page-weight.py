#!/usr/bin/env python3
"""Page weight on a running Sipar: signs in, opens the staff pages it finds (two clicks deep from the home page) and,
for each, adds the compressed bytes of the page and of every stylesheet, script and icon it loads.

  first load  = the page + all its assets, compressed as sent (Accept-Encoding: br, gzip)
  next load   = the page + the assets a browser may not keep (a fingerprinted asset with a year-long, immutable cache
                lifetime is not fetched again)

Budget (issue 14): first load < 150 KB, next load < 30 KB for every page. Prints one line per page and
"page-weight: passed" or "page-weight: failed: ..."; exits 1 when over budget.

    scripts/page-weight.py http://127.0.0.1:5080 vanphong@sldtbxh.demo PASSWORD
"""
import http.cookiejar, re, sys, urllib.parse, urllib.request

FIRST, NEXT, PAGES = 150 * 1024, 30 * 1024, 40
base, email, password = sys.argv[1].rstrip('/'), sys.argv[2], sys.argv[3]
jar = http.cookiejar.CookieJar()

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

def get(path, data=None):
    req = urllib.request.Request(base + path, data=data, headers={'Accept-Encoding': 'br, gzip'})
    try:
        r = opener.open(req)
        return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()

def text(body, headers):
    enc = (headers.get('Content-Encoding') or '').lower()
    if enc == 'gzip':
        import gzip
        return gzip.decompress(body).decode('utf-8', 'replace')
    if enc == 'br':
        try:
            import brotli
            return brotli.decompress(body).decode('utf-8', 'replace')
        except ImportError:
            # No brotli module here: ask again for gzip only, to read the links.
            return None
    return body.decode('utf-8', 'replace')

def html_of(path):
    status, headers, body = get(path)
    page = text(body, headers)
    if page is None:
        req = urllib.request.Request(base + path, headers={'Accept-Encoding': 'gzip'})
        import gzip
        r = opener.open(req)
        raw = r.read()
        page = gzip.decompress(raw).decode('utf-8', 'replace') if r.headers.get('Content-Encoding') == 'gzip' else raw.decode('utf-8', 'replace')
    return status, headers, body, page

_, _, _, login = html_of('/account/login')
token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', login).group(1)
status, _, _ = get('/account/login', urllib.parse.urlencode({'Email': email, 'Password': password, '__RequestVerificationToken': token}).encode())
if status != 302:
    print(f'page-weight: failed: could not sign in as {email} ({status})')
    sys.exit(1)

assets = {}
def asset(url):
    if url not in assets:
        status, headers, body = get(url)
        cache = headers.get('Cache-Control') or ''
        age = re.search(r'max-age=(\d+)', cache)
        kept = status == 200 and 'immutable' in cache and age is not None and int(age.group(1)) >= 31536000
        assets[url] = (len(body), kept, headers.get('Content-Encoding') or '-')
    return assets[url]

seen, queue, rows, over = set(['/']), [('/', 0)], [], []
while queue and len(rows) < PAGES:
    path, depth = queue.pop(0)
    status, headers, body, page = html_of(path)
    if status != 200 or not (headers.get('Content-Type') or '').startswith('text/html'):
        continue
    links = re.findall(r'<(?:link[^>]+href|script[^>]+src)="(/[^"]+)"', page)
    first = len(body) + sum(asset(u)[0] for u in set(links))
    nxt = len(body) + sum(asset(u)[0] for u in set(links) if not asset(u)[1])
    rows.append((path, len(body), headers.get('Content-Encoding') or '-', first, nxt))
    if first >= FIRST or nxt >= NEXT:
        over.append(path)
    if depth < 2:
        for href in re.findall(r'<a [^>]*href="(/[^"#?]*)"', page):
            if href not in seen and not re.search(r'\.(docx|xlsx|csv|json|pdf)$|/export|/logout', href):
                seen.add(href)
                queue.append((href, depth + 1))

for path, html, enc, first, nxt in rows:
    print(f'  {path[:70]:70} html {html / 1024:6.1f} KB ({enc:4})  first {first / 1024:6.1f} KB  next {nxt / 1024:5.1f} KB')
for url, (size, kept, enc) in sorted(assets.items()):
    print(f'  asset {url[:70]:70} {size / 1024:6.1f} KB ({enc:4}) {"cached a year, immutable" if kept else "fetched again"}')
heaviest = max(rows, key=lambda r: r[3])
print(f'  {len(rows)} pages; heaviest first load {heaviest[3] / 1024:.1f} KB ({heaviest[0]}), heaviest next load {max(r[4] for r in rows) / 1024:.1f} KB')
if over or len(rows) < 5:
    print('page-weight: failed: over budget (first < 150 KB, next < 30 KB): ' + ', '.join(over) if over else f'page-weight: failed: only {len(rows)} pages opened')
    sys.exit(1)
print('page-weight: passed')
