"""The reviewer's web page (`yusuan serve`): upload a package and see its report, every finding on
its page with the cited cells highlighted; the stored packages as read; a department over the
years, a region in one year and who of its units has published; a JSON API with the command
line's shapes. FastAPI with server-rendered Jinja templates, over the store and the front door.

- config.py    WebConfig: the store, the uploads folder, the limits
- app.py       create_app: the pages
- api.py       the JSON API (ROUTES lists it)
- library.py   what the pages show, read from the store and cached
- uploads.py   uploads received within limits, judged by content, read in the background
- safety.py    body limit, cross-site request forgery token, Content-Security-Policy
- templates/, static/   the pages' templates, one style sheet and one small script
"""

from .app import create_app
from .config import WebConfig

__all__ = ["WebConfig", "create_app"]
