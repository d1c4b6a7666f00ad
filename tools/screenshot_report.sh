#!/usr/bin/env bash
# Renders a Tidemark report.html the way a person sees it, so that you can LOOK at it (docs/looking-at-reports.md):
#   - desktop: a 1280-px-wide screenshot of the whole page, cut into 1280×1600 tiles (desktop-01.png, …);
#   - print:   the page printed to A4 PDF by the browser (report-a4.pdf), each page as a PNG (a4-01.png, …).
#
#   tools/screenshot_report.sh [REPORT_HTML] [OUT_DIR]
#     REPORT_HTML  default: reports/demo/latest/report.html (run `make demo` first)
#     OUT_DIR      default: /tmp/tidemark-look
#
# Needs Debian's chromium and poppler-utils (apt-get install -y chromium poppler-utils); cutting the desktop
# screenshot into tiles needs Python 3 with Pillow (python3-pil), else the one tall PNG is kept as it is.
# Nothing here touches the network: the report is one self-contained file.
set -euo pipefail
report=$(realpath "${1:-reports/demo/latest/report.html}")
out=${2:-/tmp/tidemark-look}
mkdir -p "$out"
rm -f "$out"/desktop*.png "$out"/a4-*.png "$out"/report-a4.pdf
chrome=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions)

# Desktop: tall enough for the whole page (the demo report is about 14,700 px high at 1280 px wide; the script
# warns below when a page reaches the bottom of the window and may be cut).
"${chrome[@]}" --window-size=1280,20000 --screenshot="$out/desktop.png" "file://$report" 2>/dev/null
# Print: A4 as the browser prints it, with the report's print style sheet, no browser header or footer.
"${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$out/report-a4.pdf" "file://$report" 2>/dev/null
pdftoppm -png -r 60 "$out/report-a4.pdf" "$out/a4"

# Cut the desktop screenshot into tiles, dropping the empty space below the page.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
if "$python" -c "import PIL" 2>/dev/null; then
  "$python" - "$out" <<'EOF'
import sys
from pathlib import Path
from PIL import Image, ImageChops
out = Path(sys.argv[1])
img = Image.open(out / "desktop.png").convert("RGB")
bg = Image.new("RGB", img.size, img.getpixel((img.width - 1, img.height - 1)))
box = ImageChops.difference(img, bg).getbbox()
bottom = min(img.height, (box[3] + 40) if box else img.height)
if box and box[3] >= img.height - 1:
    print("warning: the page reaches the bottom of the 20000-px window; raise --window-size", file=sys.stderr)
for i, top in enumerate(range(0, bottom, 1600), 1):
    img.crop((0, top, img.width, min(top + 1600, bottom))).save(out / f"desktop-{i:02d}.png", optimize=True)
EOF
  rm "$out/desktop.png"
fi
ls -1 "$out"
