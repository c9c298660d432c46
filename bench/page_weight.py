"""Bytes a browser transfers for a page before media: the HTML and every stylesheet, script and
font it references (following url() in CSS), fetched compressed as a browser would.

    python3 bench/page_weight.py http://127.0.0.1:8080/
"""
import re
import sys
import urllib.parse
import urllib.request


def fetch(url):
    req = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(req) as r:
        body = r.read()
        return len(body), r.headers.get("Content-Encoding"), body


def main(page):
    seen, total, rows = set(), 0, []
    size, enc, body = fetch(page)
    total += size
    rows.append((page, size, enc))
    html = urllib.request.urlopen(page).read().decode("utf-8", "replace")
    queue = re.findall(r'<(?:link[^>]+href|script[^>]+src)="([^"]+)"', html)
    while queue:
        ref = urllib.parse.urljoin(page, queue.pop(0))
        if ref in seen or "/media/" in ref:
            continue
        seen.add(ref)
        size, enc, _ = fetch(ref)
        total += size
        rows.append((ref, size, enc))
        if ref.split("?")[0].endswith(".css"):
            css = urllib.request.urlopen(ref).read().decode("utf-8", "replace")
            for u in re.findall(r"url\(['\"]?([^'\")]+)['\"]?\)", css):
                if not u.startswith("data:"):
                    queue.append(urllib.parse.urljoin(ref, u))
    for url, size, enc in rows:
        print(f"{size:>9} B  {enc or 'identity':<8} {url}")
    print(f"{total:>9} B  total ({total / 1024:.1f} KB)")


if __name__ == "__main__":
    main(sys.argv[1])
