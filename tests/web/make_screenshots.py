"""Write screenshots of every dashboard page to ``docs/screenshots`` (run by hand).

The browser tests take them; this runs those tests with ``RASID_SCREENSHOTS`` set.
The pages show the tests' own invented news texts, never the licensed dev news.

Run: ``python tests/web/make_screenshots.py [FOLDER]`` (needs /usr/bin/chromium).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT / "docs" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "RASID_SCREENSHOTS": str(folder.resolve())}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             str(HERE / "test_browser.py")], cwd=PROJECT, env=env, check=False)
    print(f"screenshots: {', '.join(sorted(p.name for p in folder.glob('*.png')))}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
